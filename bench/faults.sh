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
#   6 disk-ingest  the output folder on a tmpfs that a filler file leaves full before the run starts (ingest is the first writer)
#   7 disk-infer   ... filled once the run reaches inference
#   8 disk-check   ... filled once the run reaches the check stage (products assembled into the run's checked folder)
#   9 disk-publish ... filled once the run reaches publication
#  10 term-train   the worker running the train job stopped with SIGTERM during training (3 s into it)
# A disk round starts from the reference's published products (copied in: the "previous products"), waits for the first
# failure the run table records, checks the previous products (sha256 of every file) and looks for staging leftovers, saves
# `tamrl status` of that moment, then deletes the filler: Hangfire's retry completes the run. A full disk is not an input
# error, so the run is retried (1, 5, 30, 120 s), not failed at once.
# A killed worker's job runs again elsewhere after the invisibility timeout (30 s here, sliding while alive).
# Prints: round, fault, when injected, outcome, products equal to the reference (ncdump without date_created, history,
# run_id; gdalinfo -checksum; other files with run ids masked), seconds from submission to done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="1,2,3,4,5,6,7,8,9,10"
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

mounted=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
  mounted=()
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
# band; other files (manifests, checks, styles, STAC) with run ids, version folder names and file hashes replaced. Prints
# "yes (N files)" or "no: FILES".
list_products() { (cd "$1" && find -L . -path ./.versions -prune -o -type f ! -name .publish.lock -print | sort); }
normalised() { sed -E 's/"sha256": *"[0-9a-f]{64}"/"sha256": HASH/g; s/"file:checksum": *"1220[0-9a-f]{64}"/"file:checksum": HASH/g; s/run-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}/RUN/g; s/[0-9]{4}(-[0-9]{2})?-[0-9]{8}T[0-9]{9}-[0-9a-f]{8}/VERSION/g' "$1"; }
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

# Every published file (links followed) with its sha256: the previous products, before and after a fault.
product_sums() { (cd "$1" 2>/dev/null && find -L . -path ./.versions -prune -o -type f ! -name .publish.lock -print0 | sort -z | xargs -0 -r sha256sum) || true; }
# Staging files of our writers anywhere in the output folder (the filler excluded).
staging_left() { find "$1" \( -name '*.tmp' -o -name '*.tmp.*' -o -name '*.partial' -o -name '.staging' \) ! -name filler 2>/dev/null | wc -l; }
# Fills the tmpfs at DIR: a filler file takes every free byte.
fill_disk() { local avail; avail=$(df -B1 --output=avail "$1" | tail -1); fallocate -l "$avail" "$1/filler" 2>/dev/null || dd if=/dev/zero of="$1/filler" bs=1M 2>/dev/null || true; }

results=()
run_round() { # round fault
  local r=$1 fault=$2 schema="faults_r$1_$$" out="$work/r$1" injected="-" outcome="" t0 now state stage ndone total view
  local disk_note="" before_sums="" freed=0 victim="" victim_name="" victim_at=0
  rm -rf "$out"; mkdir -p "$out"
  if [[ "$fault" == disk-* ]]; then
    # Room for the world, the run and two versions of the products; the filler decides when it is full.
    local mb=$(( $(du -sm "$work/r1" | cut -f1) * 2 + 32 ))
    if ! mount -t tmpfs -o "size=${mb}m" tmpfs "$out" 2>"$work/r$r.mount.err"; then
      results+=("$r|$fault|-|skipped: cannot mount a tmpfs ($(head -c 120 "$work/r$r.mount.err"))|-|0"); return 0
    fi
    mounted+=("$out")
    cp -a "$work/r1/products" "$out/products"
    before_sums=$(product_sums "$out/products")
  fi
  # The sample world is kept when one of the same seed and settings is there: later rounds reuse the reference's.
  [[ $r != 1 && -d "$work/r1/world" ]] && cp -a "$work/r1/world" "$out/world"
  echo "faults: round $r ($fault) in $out" >&2
  start_processes "$r" "$schema"
  [[ "$fault" == disk-ingest ]] && { fill_disk "$out"; injected="before submission (ingest first), $(du -sm "$out/filler" | cut -f1) MiB filler"; }
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
    if [[ "$fault" == disk-* && "$injected" != - && $freed == 0 ]]; then
      # The first failure the run table records: check what an operator would look at, then free the space.
      local nf msg
      nf=$(psqlq "select count(*) from tamrl_failures where run = '$id'")
      if [[ "${nf:-0}" -ge 1 ]]; then
        msg=$(psqlq "select message from tamrl_failures where run = '$id' order by id limit 1")
        dotnet "$ROOT/.build/cli/tamrl.dll" status "$id" --postgres "$CS" > "$work/r$r.status.txt" 2>&1; local src=$?
        local after_sums; after_sums=$(product_sums "$out/products")
        local same="previous products unchanged"; [[ "$after_sums" == "$before_sums" ]] || same="PREVIOUS PRODUCTS CHANGED"
        disk_note="first failure at ${stage} (t=$(elapsed)s): ${msg:0:220}; tamrl status exit $src; $same; staging files while full: $(staging_left "$out")"
        rm -f "$out/filler"; freed=1
      fi
    fi
    if [[ "$injected" == - ]]; then
      case "$fault" in
        disk-infer|disk-check|disk-publish)
          if [[ "$stage" == "${fault#disk-}" ]]; then
            fill_disk "$out"; injected="stage ${stage}, chunks $ndone/$total, t=${now}s"
          fi ;;
        term-train)
          if [[ "$stage" == train ]]; then
            local w; w=$(stage_worker "$schema")
            if [[ -n "$w" ]]; then
              sleep 3
              if [[ "$w" == worker-a ]]; then victim=$WA; else victim=$WB; fi
              victim_name=$w; victim_at=$(date +%s)
              kill -TERM "$victim"; injected="SIGTERM to $w in train, t=$(elapsed)s"
            fi
          fi ;;
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
  # Hangfire's own count of failed attempts, beside what the run table recorded (also failures recorded late).
  outcome="$outcome; Hangfire failed attempts: $(psqlq "select count(*) from \"$schema\".state where name = 'Failed'"); run table failures: $(psqlq "select count(*) from tamrl_failures where run = '$id'")"
  if [[ -n "$disk_note" ]]; then outcome="$outcome; $disk_note"; elif [[ "$fault" == disk-* ]]; then outcome="$outcome; no failure seen while full"; fi
  if [[ -n "$victim" ]]; then
    # The stopped worker: how long it took to exit, its exit status, and whether libtorch complained.
    local waited=0
    while kill -0 "$victim" 2>/dev/null && ((waited < 60)); do sleep 1; waited=$((waited + 1)); done
    local vrc="still running after 60 s"
    if ! kill -0 "$victim" 2>/dev/null; then wait "$victim" 2>/dev/null && vrc=0 || vrc=$?; fi
    local survivor=worker-a; [[ $victim_name == worker-a ]] && survivor=worker-b
    local first_epoch; first_epoch=$(grep -o 'member 0 epoch [0-9]*' "$work/r$r.$survivor.log" | head -1 | grep -o '[0-9]*$' || true)
    outcome="$outcome; $victim_name exit status $vrc within $(( $(date +%s) - victim_at )) s, ExternalException in its log: $(grep -c ExternalException "$work/r$r.$victim_name.log" || true), 'worker stopped' logged: $(grep -c 'worker stopped' "$work/r$r.$victim_name.log" || true); $survivor's first epoch: ${first_epoch:-none}"
  fi
  [[ "$fault" == kill-* ]] && outcome="$outcome; redone chunks: $(psqlq "select count(*) from tamrl_chunks where run = '$id' and attempts > 1")"
  local equal="-"
  if [[ $r == 1 ]]; then equal="(reference)"; else equal=$(compare_products "$work/r1/products" "$out/products"); fi
  local versions; versions=$(find "$out/products/.versions" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  ((versions > 1)) && equal="$equal; $versions version folders (1 expected)"
  local partial; partial=$(staging_left "$out")
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
    6) run_round 6 disk-ingest ;;
    7) run_round 7 disk-infer ;;
    8) run_round 8 disk-check ;;
    9) run_round 9 disk-publish ;;
    10) run_round 10 term-train ;;
    *) echo "unknown round $r" >&2; exit 2 ;;
  esac
done
print_table
