#!/usr/bin/env bash
# Runs a benchmark suite and prints a table (see bench/RESULTS.md for recorded figures).
#   bench/run.sh io      NetCDF-4 write/read vs nccopy, COG write vs gdal_translate
#   bench/run.sh world   sample world generation at 2, 1, 0.5 degrees: wall time and peak RSS
#   bench/run.sh sites   extraction of 300 tower series from a year of a 0.5 degree driver cube (wall time, peak memory)
#   bench/run.sh jobs    chunk throughput through Hangfire on PostgreSQL (1, 2 workers) vs a plain loop
#   bench/run.sh model [--device auto|cpu|cuda] [--pixels N] [--batch 16,64] [--no-train] [--members 10] [--ensemble-pixels 64] [--warmup 0]
#                      [--repeats 5] [--no-engines | --engines-only]
#                        TAM-RL training step/epoch time, inference pixel-days/s fp32 and bf16 beside the machine's matmul GFLOP/s;
#                        the ensemble's earlier path (every tile encoded) beside one code per pixel, members one by one and stacked;
#                        the engines on the CPU: TorchSharp fp32 and bf16 against ONNX Runtime (2 and 1 intra-op threads), medians
#                        of alternating rounds, their ratio and agreement (--engines-only: that and the matmul rates alone)
#   bench/run.sh products [--res 2,1,0.5] [--budget 1GiB] [--period 2021|2021-01]   products stages: wall time and peak RSS per stage
#   bench/run.sh products --res 0.5 --model-year [--members 10] [--no-test-predictor] [--land synthetic|kottek]
#                        issue 16's end-to-end row: the whole period inferred with the product ensemble (jobs/model.json, untrained
#                        weights) through ONNX Runtime as the pipeline does (1GiB plan, chunk files), then published; infer +
#                        publish against the 20 minutes. --land kottek: real land (Kottek map; its ice cap not handed to the model)
#   bench/run.sh ingest  ERA5 hourly->daily mean of a month of global 0.25 degree t2m vs cdo daymean, and cube
#   bench/run.sh modis [--tiles DIR]  real MODIS HDF4-EOS tiles mosaicked onto a 0.05 degree grid vs gdalwarp -r average:
#                        time, throughput ratio and peak RSS of each
#   bench/run.sh cube    driver cube chunking: a day's map and pixel series, ours vs two other chunkings
#   bench/run.sh towers [--towers DIR] [--validation] [--quick]   TAM-RL and the baselines on real FLUXNET2015 towers
#                        (bench/towers.sh): mean per-site RMSE relative to the trees, repeats, paired tests
#   bench/run.sh corrupt [--seed N] [--per-file N]   corrupt inputs of every format read (seeded mutations of data/real):
#                        each refused with exit 2 naming the file, or accepted when harmless; crashes, hangs listed
#   bench/run.sh budget [--out DIR] [--seed N] [--season-balance]   global carbon budget of product and truth (issue 19):
#                        totals, south of 60S, RMSE, the model's NEE/GPP at the towers against theirs (bench/budget.sh)
#   bench/run.sh precision [--out DIR]   the demo model's products in fp32 and bf16 against the truth (bench/precision.sh)
#   bench/run.sh engine [--demo DIR] [--out DIR]   the demo model's products with TorchSharp and ONNX Runtime (fp32) against
#                        the truth and each other, and the inference wall times (bench/engine.sh)
#   bench/run.sh faults [--rounds 1,...,11] [--keep DIR]   the real pipeline on PostgreSQL with two workers, undisturbed
#                        and with PostgreSQL restarted, a worker killed in a chunk, in training, in publication, the output
#                        disk (a tmpfs) full at ingest, inference, checks and publication, SIGTERM in training, and the
#                        server's authentication and request bounds asked with curl (bench/faults.sh)
#   bench/run.sh budget-floor [--world DIR] [--year YYYY]   what the towers can tell a model of a sample world's global NEE:
#                        the truth's NEE beside models exact in everything but the latent respiration field z2 (issue 19)
#   bench/run.sh towers-to-grid [--out DIR]   a model trained on tower meteorology applied to the sample world's cube,
#                        its products scored against the truth beside the cube-trained demo model's
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --quiet
if [[ "${1:-}" == "towers" || "${1:-}" == "towers-to-grid" || "${1:-}" == "budget" || "${1:-}" == "precision" || "${1:-}" == "engine" ]]; then
  suite="$1"
  shift
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  exec "$ROOT/bench/$suite.sh" "$@"
fi
if [[ "${1:-}" == "faults" ]]; then shift; exec "$ROOT/bench/faults.sh" "$@"; fi
if [[ "${1:-}" == "corrupt" ]]; then
  shift
  exec "$ROOT/bench/corrupt-inputs.sh" "$@"
fi
dotnet build "$ROOT/bench/TamRl.Upscale.Bench" -c Release -nologo -v quiet -o "$ROOT/.build/bench" >&2
export TAMRL_POSTGRES="${TAMRL_POSTGRES:-$("$ROOT/scripts/setup-postgres.sh" --quiet)}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec dotnet "$ROOT/.build/bench/TamRl.Upscale.Bench.dll" "$@"
