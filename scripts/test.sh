#!/usr/bin/env bash
# Runs every test of TamRl.Upscale on a fresh Debian 12 machine: installs what is missing, builds, tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cd "$ROOT"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test TamRl.Upscale.sln -c Release -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
# `dotnet test` builds only the test projects and what they reference; the benchmark (bench/run.sh) must keep compiling too.
dotnet build bench/TamRl.Upscale.Bench -c Release -nologo -v q 2>&1 | tail -3 && echo "bench: builds" || { echo "bench: FAILED to build"; status=1; }
# docker/compose.yaml must stay valid; checked where a compose client exists (no Docker engine needed).
if docker compose version >/dev/null 2>&1; then compose=(docker compose); elif command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(); fi
if ((${#compose[@]})); then
  "${compose[@]}" -f "$ROOT/docker/compose.yaml" config -q && echo "docker compose config: ok" || { echo "docker compose config: FAILED"; status=1; }
else
  echo "docker compose config: not checked (no compose client on this machine)"
fi
# One closing line over all test projects, in the plain "N passed, N failed" form.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
