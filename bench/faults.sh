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
#  11 auth         no pipeline: a `tamrl server` process bound to 0.0.0.0 is refused without a token; with one, curl asks
#                  every endpoint with no token, a wrong bearer token, a wrong Basic password and the right token (HTTP
#                  codes), and sends a 40 MB region (2 million vertices) and a self-intersecting one (a bow tie) of 40,000 (timed)
# A disk round starts from the reference's published products (copied in: the "previous products"), waits for the first
# failure the run table records, checks the previous products (sha256 of every file) and looks for staging leftovers, saves
# `tamrl status` of that moment, then deletes the filler: Hangfire's retry completes the run. A full disk is not an input
# error, so the run is retried (1, 5, 30, 120 s), not failed at once.
# A killed worker's job runs again elsewhere after the invisibility timeout (30 s here, sliding while alive).
# Prints: round, fault, when injected, outcome, products equal to the reference (ncdump without date_created, history,
# run_id; gdalinfo -checksum; other files with run ids masked), seconds from submission to done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="1,2,3,4,5,6,7,8,9,10,11"
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ ",$rounds," == *",1,"* || "$rounds" == 11 ]] || { echo "faults: round 1 (the reference) is required" >&2; exit 2; }

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
# FAULTS_CLI: another build of the program (a copy, so that a rebuild of .build/cli cannot swap files under the rounds).
TAMRL=(dotnet "${FAULTS_CLI:-$ROOT/.build/cli}/tamrl.dll")
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
# The published products are whole: every file each period's manifest.json lists exists with its sha256 (prints "whole"
# or the first file that is not).
products_whole() { python3 - "$1" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
for period in sorted(os.listdir(root)):
    m = os.path.join(root, period, "manifest.json")
    if period.startswith(".") or not os.path.isfile(m): continue
    for f in json.load(open(m))["files"]:
        p = os.path.join(root, f["file"])
        if not os.path.isfile(p) or hashlib.sha256(open(p, "rb").read()).hexdigest() != f["sha256"]:
            print("NOT WHOLE: " + f["file"]); sys.exit()
print("whole")
PY
}
# Staging files of our writers anywhere in the output folder (the filler excluded).
staging_left() { find "$1" \( -name '*.tmp' -o -name '*.tmp.*' -o -name '*.partial' -o -name '.staging' \) ! -name filler 2>/dev/null | wc -l; }
# Fills the tmpfs at DIR: a filler file takes every free byte.
fill_disk() { local avail; avail=$(df -B1 --output=avail "$1" | tail -1); fallocate -l "$avail" "$1/filler" 2>/dev/null || dd if=/dev/zero of="$1/filler" bs=1M 2>/dev/null || true; }

results=()
run_round() { # round fault
  local r=$1 fault=$2 schema="faults_r$1_$$" out="$work/r$1" injected="-" outcome="" t0 now state stage ndone total view
  local disk_note="" before_sums="" freed=0 victim="" victim_name="" victim_at=0 victim_exit=0
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
    if [[ -n "$victim" && $victim_exit == 0 ]] && ! kill -0 "$victim" 2>/dev/null; then victim_exit=$(date +%s); fi
    if [[ "$fault" == disk-* && "$injected" != - && $freed == 0 ]]; then
      # The first failure the run table records: check what an operator would look at, then free the space.
      local nf msg
      nf=$(psqlq "select count(*) from tamrl_failures where run = '$id'")
      if [[ "${nf:-0}" -ge 1 ]]; then
        msg=$(psqlq "select message from tamrl_failures where run = '$id' order by id limit 1" | head -1)
        "${TAMRL[@]}" status "$id" --postgres "$CS" > "$work/r$r.status.txt" 2>&1; local src=$?
        local after_sums; after_sums=$(product_sums "$out/products")
        # Unchanged, or (a failure after the period's link moved, e.g. in scoring) replaced by a whole publication.
        local same="previous products unchanged"
        [[ "$after_sums" == "$before_sums" ]] || same="products replaced by a new publication, $(products_whole "$out/products")"
        disk_note="first failure at ${stage} (t=$(elapsed)s): ${msg:0:220}; tamrl status exit $src; $same; staging files while full: $(staging_left "$out")"
        if [[ "$fault" == disk-ingest ]]; then
          # The verb an operator runs by hand on the same full disk: exit 2 and one line, no stack trace.
          local verb
          verb=$(cd "$work" && "${TAMRL[@]}" ingest --config "$work/tiny.json" --out "$out" >/dev/null 2>"$work/r$r.ingest-verb.err"; echo $?)
          disk_note="$disk_note; tamrl ingest by hand: exit $verb, $(grep -c '   at ' "$work/r$r.ingest-verb.err") stack frames, '$(tail -1 "$work/r$r.ingest-verb.err" | cut -c1-160)'"
        fi
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
    # Publication lasts a second or two: poll faster while waiting for it.
    if [[ "$fault" == disk-publish && "$injected" == - ]]; then sleep 0.1; else sleep 0.5; fi
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
    if ! kill -0 "$victim" 2>/dev/null; then
      ((victim_exit > 0)) || victim_exit=$(date +%s)
      wait "$victim" 2>/dev/null && vrc=0 || vrc=$?
    fi
    local survivor=worker-a; [[ $victim_name == worker-a ]] && survivor=worker-b
    local first_epoch; first_epoch=$(grep -o 'member 0 epoch [0-9]*' "$work/r$r.$survivor.log" | head -1 | grep -o '[0-9]*$' || true)
    local stopped_epoch; stopped_epoch=$(grep -o 'member 0 epoch [0-9]*' "$work/r$r.$victim_name.log" | tail -1 | grep -o '[0-9]*$' || true)
    outcome="$outcome; $victim_name (last epoch ${stopped_epoch:-none}) exit status $vrc $(( victim_exit - victim_at )) s after SIGTERM, ExternalException in its log: $(grep -c ExternalException "$work/r$r.$victim_name.log" || true), 'worker stopped' logged: $(grep -c 'worker stopped' "$work/r$r.$victim_name.log" || true); $survivor's first epoch: ${first_epoch:-none}"
  fi
  [[ "$fault" == kill-* ]] && outcome="$outcome; redone chunks: $(psqlq "select count(*) from tamrl_chunks where run = '$id' and attempts > 1")"
  local equal="-"
  if [[ $r == 1 ]]; then equal="(reference)"; else equal=$(compare_products "$work/r1/products" "$out/products"); fi
  local versions; versions=$(find "$out/products/.versions" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  ((versions > 1)) && equal="$equal; $versions version folders (1 expected)"
  local partial; partial=$(staging_left "$out")
  ((partial > 0)) && equal="$equal; $partial staging files left"
  psqlq "select stage, chunk, attempt, message from tamrl_failures where run = '$id' order by id" > "$work/r$r.failures.txt"
  # One table row: a native library's message may span lines (libtorch's stack) or hold a '|'.
  outcome=$(tr '\n|' '  ' <<<"$outcome" | cut -c1-1500)
  results+=("$r|$fault|$injected|$outcome|$equal|$now")
  cleanup
  [[ $r == 1 && "$state" != done ]] && { echo "faults: the reference run did not complete; logs in $work" >&2; keep=$work; print_table; exit 1; }
  return 0
}

# Round 11: the server's security as a client sees it (docs/orchestration.md, "Authentication", "Data roots").
auth_round() {
  local r=11 port=$((API_PORT + 1)) common=(--postgres "$CS" --schema "faults_r11_$$" --poll 1) t0 codes="" c
  local url="http://127.0.0.1:$port" token="faults-token-$RANDOM$RANDOM"
  echo "faults: round $r (auth)" >&2
  t0=$(date +%s)
  local refused; refused=$(cd "$work" && timeout 60 "${TAMRL[@]}" server --workers 0 --urls "http://0.0.0.0:$port" --data-root "$work" --schedules "$work/none" "${common[@]}" 2>&1 | tail -1; echo "exit ${PIPESTATUS[0]}")
  printf '%s\n' "$token" > "$work/token"
  (cd "$work" && exec "${TAMRL[@]}" server --workers 0 --urls "http://0.0.0.0:$port" --token-file "$work/token" --data-root "$work" --schedules "$work/none" "${common[@]}") > "$work/r$r.server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/runs")" == 401 ]] && break; sleep 1; done
  local run='{"config":"tiny.json","out":"r11","pipeline":"tamrl"}' rerun='{"bbox":[0,0,10,10],"period":"2024-01","parent":"x"}'
  ask() { # auth-args...
    local out=()
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url/api/runs")")
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url/api/runs/no-such-run")")
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" -H 'Content-Type: application/json' -d "$run" "$url/api/runs")")
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" -H 'Content-Type: application/json' -d "$rerun" "$url/api/reruns")")
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url/hangfire")")
    out+=("$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url/hangfire/runs")")
    echo "${out[*]}"
  }
  # The right token is asked with GETs only (a POST /api/runs would start a run).
  local right; right=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/runs") 
  right="$right $(curl -s -o /dev/null -w '%{http_code}' -u "any:$token" "$url/hangfire/runs")"
  codes="none: $(ask); wrong bearer: $(ask -H 'Authorization: Bearer wrong'); wrong basic: $(ask -u any:wrong); right token (GET /api/runs, /hangfire/runs): $right"
  # Request bounds, as a client sees them: a 40 MB GeoJSON body, and a self-intersecting ring of 40,000 vertices.
  python3 -c 'import sys
sys.stdout.write("{\"period\":\"2024-01\",\"parent\":\"x\",\"geojson\":{\"type\":\"Polygon\",\"coordinates\":[[" + ",".join(["[1.000001,2.000002]"] * 2000000) + "]]}}")' > "$work/big.json"
  python3 -c 'import sys
n, corners = 40000, [(0, 0), (10, 10), (10, 0), (0, 10)]  # a bow tie (edges cross at (5, 5)), densified
ring = []
for i in range(n):
    (x0, y0), (x1, y1), t = corners[i // (n // 4)], corners[(i // (n // 4) + 1) % 4], (i % (n // 4)) / (n // 4)
    ring.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
ring.append(ring[0])
sys.stdout.write("{\"period\":\"2024-01\",\"parent\":\"x\",\"geojson\":{\"type\":\"Polygon\",\"coordinates\":[[" + ",".join("[%.7f,%.7f]" % p for p in ring) + "]]}}")' > "$work/bowtie.json"
  local big bow
  big=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$work/big.json" "$url/api/reruns" || echo "connection closed")
  bow=$(curl -s -w ' %{http_code} in %{time_total} s' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$work/bowtie.json" "$url/api/reruns" | tail -c 200)
  refused=$(tr '\n|' '  ' <<<"$refused"); bow=$(tr '\n|' '  ' <<<"$bow")
  results+=("$r|auth|server on 0.0.0.0|without a token: $refused; endpoints (GET runs, GET run, POST runs, POST reruns, dashboard, runs page): $codes; 40 MB region: $big; self-intersecting 40,000-vertex region ($(( $(stat -c %s "$work/bowtie.json") / 1000 )) kB): $bow|-|$(( $(date +%s) - t0 ))")
  cleanup
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
    11) auth_round ;;
    *) echo "unknown round $r" >&2; exit 2 ;;
  esac
done
print_table
