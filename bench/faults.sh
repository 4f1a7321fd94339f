#!/usr/bin/env bash
# bench/run.sh faults [--rounds 1,2,3,4,5] [--keep DIR]
# Faults on the REAL `tamrl` pipeline (issue 17): a `tamrl server` (API and dashboard only, --workers 0) and two
# `tamrl worker` processes (one thread each) on this clone's PostgreSQL (scripts/setup-postgres.sh) run the tiny
# world of bench/faults/tiny.json (Europe at 2 degrees, one year, a one-member model, a month of products in
# several chunks). Each round has its own output folder and Hangfire schema; SOURCE_DATE_EPOCH is set so products
# differ only in what names the run (run_id, history). Rounds:
#   1 reference   undisturbed
#   2 pg-restart  PostgreSQL stopped (pg_ctl -m fast) once a chunk is done, started again 15 s later
#   3 kill-chunk  worker-a SIGKILLed while the run table shows it inside a chunk
#   4 kill-train  the worker running the train job SIGKILLed during training (3 s into it)
#   5 kill-publish the worker running the publish job SIGKILLed during publication (0.7 s into it)
# A killed worker's job runs again elsewhere after the invisibility timeout (30 s here, sliding while alive).
# Prints: round, fault, when injected, outcome, products equal to the reference (ncdump without date_created, history,
# run_id; gdalinfo -checksum; other files with run ids masked), seconds from submission to done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="1,2,3,4,5"
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ ",$rounds," == *",1,"* ]] || { echo "faults: round 1 (the reference) is required" >&2; exit 2; }

CS="${TAMRL_POSTGRES:-$("$ROOT/scripts/setup-postgres.sh" --quiet)}"
PGPORT="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$CS")"
TIMEOUT=${FAULTS_ROUND_TIMEOUT:-900}
INVISIBILITY=30
API_PORT=$((6000 + RANDOM % 2000))
API="http://127.0.0.1:$API_PORT"
export SOURCE_DATE_EPOCH=1700000000
export OMP_WAIT_POLICY=PASSIVE
# Output folders must be new: a run left active in the run table by an interrupted invocation would make a
# new run on the same folder wait for it.
[[ -z "$keep" || ! -e "$keep" ]] || { echo "faults: --keep $keep exists; give a new folder" >&2; exit 2; }
work="${keep:-$(mktemp -d /tmp/tamrl-faults.XXXXXX)}"
mkdir -p "$work"
cp "$ROOT/bench/faults/tiny.json" "$ROOT/bench/faults/tiny.model.json" "$work/"
mkdir -p "$work/none"
TAMRL=(dotnet "$ROOT/.build/cli/tamrl.dll")
pids=()
results=()
printed=0

cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
# On any exit the rounds finished so far are printed (an error in a later round must not lose them).
trap 'cleanup; ((${#results[@]} == 0 || printed)) || print_table; [[ -n "$keep" ]] || rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

psqlq() { PGPASSWORD=tamrl psql -h 127.0.0.1 -p "$PGPORT" -U tamrl -d tamrl -qtA -c "$1" 2>/dev/null || true; }
# A top-level string or number field of the API's one-line JSON (the failures list, last, is cut off first).
jfield() { local top=${2%%,\"failures\"*}; sed -nE "s/.*\"$1\":\"?([^\",]*)\"?([,}].*)?$/\1/p" <<<"$top"; }
elapsed() { echo $(( $(date +%s) - ${t0%.*} )); }
field() { python3 -c 'import json,sys
try: d=json.load(sys.stdin); print(d.get(sys.argv[1],""))
except Exception: print("")' "$1"; }

start_processes() { # round schema
  local r=$1 schema=$2 common=(--postgres "$CS" --schema "$schema" --poll 1 --invisibility-timeout "$INVISIBILITY")
  (cd "$work" && exec "${TAMRL[@]}" server --workers 0 --urls "$API" --data-root "$work" --schedules "$work/none" "${common[@]}") \
    > "$work/r$r.server.log" 2>&1 &
  pids+=($!); SERVER=$!
  (cd "$work" && exec "${TAMRL[@]}" worker --workers 1 --name worker-a "${common[@]}") > "$work/r$r.worker-a.log" 2>&1 &
  pids+=($!); WA=$!
  (cd "$work" && exec "${TAMRL[@]}" worker --workers 1 --name worker-b "${common[@]}") > "$work/r$r.worker-b.log" 2>&1 &
  pids+=($!); WB=$!
  for _ in $(seq 1 120); do
    if curl -sf "$API/api/runs" >/dev/null && grep -q "threads on" "$work/r$r.worker-a.log" && grep -q "threads on" "$work/r$r.worker-b.log"; then return 0; fi
    sleep 1
  done
  echo "faults: round $r: server or workers did not start" >&2; tail -5 "$work"/r$r.*.log >&2; return 1
}

# Which worker runs a stage job (RunStage) now: the Hangfire server id of the job in state Processing.
stage_worker() { # schema
  psqlq "select s.data from \"$1\".job j join \"$1\".state s on s.id = j.stateid where j.statename = 'Processing' and j.invocationdata::text like '%RunStage%'" \
    | grep -o 'worker-[ab]' | head -1 || true
}

# Compares a round's published products with the reference's: every file under each published period (products/P,
# a link to its .versions/ folder, whose name carries the publication time) and the top-level manifest.json and
# checks.json. Bytes cannot be equal between two runs: every product names its run (run_id attribute and tag, the
# history line). So: NetCDF by ncdump without date_created, history and run_id; COGs by gdalinfo -checksum of every
# band; other files (manifests, checks, styles) with run ids and version folder names replaced. Prints
# "yes (N files)" or "no: FILES".
list_products() { (cd "$1" && find -L . -path ./.versions -prune -o -type f ! -name .publish.lock -print | sort); }
normalised() { sed -E 's/"sha256": *"[0-9a-f]{64}"/"sha256": HASH/g; s/run-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}/RUN/g; s/[0-9]{4}(-[0-9]{2})?-[0-9]{8}T[0-9]{9}-[0-9a-f]{8}/VERSION/g' "$1"; }
compare_products() { # ref dir
  local ref=$1 dir=$2 diffs=() f
  [[ -d "$dir" ]] || { echo "no: no products"; return; }
  if [[ "$(list_products "$ref")" != "$(list_products "$dir")" ]]; then
    echo "no: file lists differ ($(list_products "$dir" | wc -l) vs $(list_products "$ref" | wc -l) files)"; return
  fi
  while IFS= read -r f; do
    case "$f" in
      *.nc) diff -q <(ncdump "$ref/$f" | grep -vE 'date_created|:history|:run_id') <(ncdump "$dir/$f" | grep -vE 'date_created|:history|:run_id') >/dev/null || diffs+=("$f") ;;
      *.tif) diff -q <(gdalinfo -checksum "$ref/$f" | grep -i checksum) <(gdalinfo -checksum "$dir/$f" | grep -i checksum) >/dev/null || diffs+=("$f") ;;
      *) diff -q <(normalised "$ref/$f") <(normalised "$dir/$f") >/dev/null || diffs+=("$f") ;;
    esac
  done < <(list_products "$ref")
  if ((${#diffs[@]})); then echo "no: ${#diffs[@]} files differ (${diffs[*]:0:3})"; else echo "yes ($(list_products "$ref" | wc -l) files)"; fi
}

results=()
run_round() { # round fault
  local r=$1 fault=$2 schema="faults_r$1_$$" out="$work/r$1" injected="-" outcome="" t0 now state stage ndone total view
  rm -rf "$out"; mkdir -p "$out"
  # The sample world is kept when one of the same seed and settings is there: later rounds reuse the reference's.
  [[ $r != 1 && -d "$work/r1/world" ]] && cp -a "$work/r1/world" "$out/world"
  echo "faults: round $r ($fault) in $out" >&2
  start_processes "$r" "$schema"
  t0=$(date +%s)
  view=$(curl -sf -X POST "$API/api/runs" -H 'Content-Type: application/json' \
    -d "{\"config\": \"$work/tiny.json\", \"out\": \"$out\", \"pipeline\": \"tamrl\"}") \
    || { results+=("$r|$fault|-|submission refused|-|0"); cleanup; return; }
  local id; id=$(field id <<<"$view")
  while :; do
    # One curl and no python per poll: on two busy cores each python start costs a few hundred ms.
    now=$(elapsed)
    view=$(curl -sf "$API/api/runs/$id" || true)
    state=$(jfield state "$view"); stage=$(jfield stage "$view")
    ndone=$(jfield chunksDone "$view"); total=$(jfield chunksTotal "$view")
    if [[ "$state" == done || "$state" == failed ]]; then break; fi
    if ((now > TIMEOUT)); then outcome="no completion after ${TIMEOUT} s (state ${state:-?}, stage ${stage:-?}, chunks $ndone/$total)"; break; fi
    if [[ "$injected" == - ]]; then
      case "$fault" in
        pg-restart)
          if [[ "$stage" == infer && "${ndone:-0}" -ge 1 ]]; then
            injected="infer, chunks $ndone/$total, t=${now}s"
            "$ROOT/scripts/setup-postgres.sh" --stop
            sleep 15
            "$ROOT/scripts/setup-postgres.sh" --quiet >/dev/null
          fi ;;
        kill-chunk)
          local c
          c=$(psqlq "select chunk from tamrl_chunks where run = '$id' and state = 'running' and worker like 'worker-a%' limit 1")
          if [[ -n "$c" ]]; then
            kill -KILL "$WA"; injected="worker-a in chunk $c, chunks $ndone/$total, t=${now}s"
          fi ;;
        kill-train|kill-publish)
          if [[ "$stage" == "${fault#kill-}" ]]; then
            local w; w=$(stage_worker "$schema")
            if [[ -n "$w" ]]; then
              # Inside the stage, not at its start (training lasts about 7 s here, publishing about 2 s).
              if [[ $fault == kill-train ]]; then sleep 3; else sleep 0.7; fi
              if [[ "$w" == worker-a ]]; then kill -KILL "$WA"; else kill -KILL "$WB"; fi
              injected="$w in ${fault#kill-}, t=$(elapsed)s"
            fi
          fi ;;
      esac
    fi
    sleep 0.5
  done
  now=$(elapsed)
  if [[ -z "$outcome" ]]; then
    if [[ "$state" == done ]]; then outcome="completed"
    else outcome="failed at ${stage}: $(python3 -c 'import json,sys
d=json.load(sys.stdin); f=d.get("failures") or []; print((f[-1]["message"] if f else "no failure recorded")[:160])' <<<"$view" 2>/dev/null)"; fi
    local nf; nf=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("failures") or []))' <<<"$view" 2>/dev/null || echo 0)
    ((nf > 0)) && outcome="$outcome ($nf failed attempts recorded)"
  fi
  # Hangfire's own count of failed attempts: the run table cannot record a failure while its database is down.
  outcome="$outcome; Hangfire failed attempts: $(psqlq "select count(*) from \"$schema\".state where name = 'Failed'")"
  [[ "$fault" == kill-* ]] && outcome="$outcome; redone chunks: $(psqlq "select count(*) from tamrl_chunks where run = '$id' and attempts > 1")"
  local equal="-"
  if [[ $r == 1 ]]; then equal="(reference)"; else equal=$(compare_products "$work/r1/products" "$out/products"); fi
  local versions; versions=$(find "$out/products/.versions" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  ((versions > 1)) && equal="$equal; $versions version folders (1 expected)"
  local partial; partial=$(find "$out/products" -name '*.partial' -o -name '*.tmp' 2>/dev/null | wc -l)
  ((partial > 0)) && equal="$equal; $partial staging files left"
  psqlq "select stage, chunk, attempt, message from tamrl_failures where run = '$id' order by id" > "$work/r$r.failures.txt"
  results+=("$r|$fault|$injected|$outcome|$equal|$now")
  cleanup
  [[ $r == 1 && "$state" != done ]] && { echo "faults: the reference run did not complete; logs in $work" >&2; keep=$work; print_table; exit 1; }
  return 0
}

print_table() {
  printed=1
  printf '\n| round | fault | when injected | outcome | products equal to round 1 | s |\n|---|---|---|---|---|---|\n'
  for row in "${results[@]}"; do IFS='|' read -r a b c d e f <<<"$row"; printf '| %s | %s | %s | %s | %s | %s |\n' "$a" "$b" "$c" "$d" "$e" "$f"; done
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); logs: ${keep:-removed}"
}

IFS=',' read -ra todo <<<"$rounds"
for r in "${todo[@]}"; do
  case "$r" in
    1) run_round 1 none ;;
    2) run_round 2 pg-restart ;;
    3) run_round 3 kill-chunk ;;
    4) run_round 4 kill-train ;;
    5) run_round 5 kill-publish ;;
    *) echo "unknown round $r" >&2; exit 2 ;;
  esac
done
print_table
