#!/usr/bin/env bash
# The products' inference engine (issue 16; bench/run.sh engine [--demo DIR] [--out DIR]): the demo run's model infers 2020
# twice on the demo's driver cube, with TorchSharp (fp32) and with ONNX Runtime (fp32, --engine onnx); each is published and
# scored against the world's truth. --demo: a finished demo run (./tamrl run --config jobs/demo.json --out DIR) whose drivers,
# model and world/truth are read, never written (default bench/out/demo); --out: where the two runs go (default DEMO/engine).
# Prints per flux the RMSE and bias against the truth with both, the largest difference between the two products (cdo over
# the daily files), the global totals, and each inference's wall time (same machine, one after the other: indicative).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$ROOT/bench/out/demo"
out=""
while (($#)); do
  case "$1" in
    --demo) demo="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "engine: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -f "$demo/model/bundle.json" ]] || { echo "engine: no demo run in $demo (./tamrl run --config jobs/demo.json --out $demo)" >&2; exit 2; }
out="${out:-$demo/engine}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
source "$ROOT/bench/lib/infer-variants.sh"
infer_variants "$demo" "$out" engine --engine torch onnx --device cpu
