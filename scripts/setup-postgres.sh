#!/usr/bin/env bash
# A local PostgreSQL for the Hangfire job store and the run/chunk table, idempotently: installs Debian's
# `postgresql` if missing, creates a cluster in .build/postgres (initdb, owned by the `postgres` user:
# PostgreSQL refuses to run as root), starts it on 127.0.0.1:$TAMRL_PG_PORT with pg_ctl (no systemd
# needed, so it works as root in CI) and creates the role and database `tamrl`.
#   scripts/setup-postgres.sh [--quiet]     prints the connection string on stdout
#   scripts/setup-postgres.sh --stop        stops the cluster
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One port per clone (derived from its path): two clones or worktrees on one machine each get their own cluster.
PORT="${TAMRL_PG_PORT:-$((55432 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 500))}"
DATA="$ROOT/.build/postgres/data"
LOG="$ROOT/.build/postgres/server.log"
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
say() { [[ $QUIET == 1 ]] || echo "setup-postgres: $*" >&2; }
SUDO=""
[[ $(id -u) == 0 ]] || SUDO="sudo"

if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  echo "setup-postgres: installing Debian package postgresql" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # Debian's package starts its own cluster on 5432 where systemd/invoke-rc.d runs; ours is separate.
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else $SUDO -u postgres "$@"; fi; }

mkdir -p "$ROOT/.build/postgres"
# Test processes may call this at the same time: one at a time past this point.
exec 9>"$ROOT/.build/postgres.lock"
flock 9
$SUDO chown postgres:postgres "$ROOT/.build/postgres"
# The cluster runs as `postgres`, which may not reach a clone under a private folder (e.g. /root):
# then it lives in the postgres user's home instead, still one per clone.
if ! as_pg test -w "$ROOT/.build/postgres"; then
  DATA="$(as_pg sh -c 'echo $HOME')/tamrl-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/data"
  LOG="$(dirname "$DATA")/server.log"
  as_pg mkdir -p "$(dirname "$DATA")"
fi
if [[ ! -f "$DATA/PG_VERSION" && "${1:-}" != "--stop" ]]; then
  say "initdb $DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if [[ "${1:-}" == "--stop" ]]; then
  if [[ -f "$DATA/postmaster.pid" ]]; then as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null; fi
  exit 0
fi
if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$PORT"
  # Sockets in the data folder: /var/run/postgresql may not exist without the Debian service.
  # The server must inherit no descriptor beyond stdio: not our lock (fd 9), nor a caller's (e.g. a
  # `flock FILE scripts/test.sh`), or it would hold that lock for its whole lifetime.
  (
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if (( n > 2 )); then eval "exec $n>&-" 2>/dev/null || true; fi
    done
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c max_connections=200 -c fsync=off" start >/dev/null
  )
else
  say "PostgreSQL running on 127.0.0.1:$PORT"
fi
psql_pg() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [[ -z "$(psql_pg -c "select 1 from pg_roles where rolname='tamrl'")" ]]; then
  psql_pg -c "create role tamrl login password 'tamrl'"
fi
if [[ -z "$(psql_pg -c "select 1 from pg_database where datname='tamrl'")" ]]; then
  psql_pg -c "create database tamrl owner tamrl"
fi
echo "Host=127.0.0.1;Port=$PORT;Username=tamrl;Password=tamrl;Database=tamrl"
