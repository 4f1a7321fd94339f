#!/usr/bin/env bash
# The products' inference precision (issue 16; bench/run.sh precision [--out DIR]): the demo run's model (made by
# ./tamrl run --config jobs/demo.json --out DIR when absent) infers 2020 twice, in fp32 and in bf16; each is published
# and scored against the world's truth.
# Prints per flux the RMSE and bias against the truth in both, the largest and RMS difference between the two
# products (cdo over the daily files), the global totals, and each inference's wall time (indicative: same machine,
# one after the other).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$ROOT/bench/out/demo"
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) echo "precision: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
[[ -f "$out/model/bundle.json" ]] || "$ROOT/tamrl" run --config "$ROOT/jobs/demo.json" --out "$out" >&2 || true
source "$ROOT/bench/lib/infer-variants.sh"
infer_variants "$out" "$out" precision --precision fp32 bf16
