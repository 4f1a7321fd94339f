#!/usr/bin/env bash
# Runs a benchmark suite and prints a table (see bench/RESULTS.md for recorded figures).
#   bench/run.sh io      NetCDF-4 write/read vs nccopy, COG write vs gdal_translate
#   bench/run.sh ingest  ERA5 hourly->daily mean of a month of global 0.25 degree t2m vs cdo daymean, and cube
#   bench/run.sh cube    driver cube chunking: a day's map and pixel series, ours vs two other chunkings
#   bench/run.sh sites   extraction of 300 tower series from a year of a 0.5 degree driver cube (wall time, peak memory)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --quiet
dotnet build "$ROOT/bench/TamRl.Upscale.Bench" -c Release -nologo -v quiet -o "$ROOT/.build/bench" >&2
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec dotnet "$ROOT/.build/bench/TamRl.Upscale.Bench.dll" "$@"
