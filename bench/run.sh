#!/usr/bin/env bash
# Runs a benchmark suite and prints a table (see bench/RESULTS.md for recorded figures).
#   bench/run.sh io      NetCDF-4 write/read vs nccopy, COG write vs gdal_translate
#   bench/run.sh products [--res 2,1,0.5] [--budget 1GiB]   products stages: wall time and peak RSS per stage
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --quiet
dotnet build "$ROOT/bench/TamRl.Upscale.Bench" -c Release -nologo -v quiet -o "$ROOT/.build/bench" >&2
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec dotnet "$ROOT/.build/bench/TamRl.Upscale.Bench.dll" "$@"
