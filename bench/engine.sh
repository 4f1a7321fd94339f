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
for e in torch onnx; do
  exp="$out/engine-$e"
  rm -rf "$exp"
  mkdir -p "$exp"
  start=$(date +%s.%N)
  "$ROOT/tamrl" infer --drivers "$demo/drivers" --model "$demo/model" --out "$exp" --period 2020 --budget 1GiB --batch 256 --device cpu --engine "$e" >&2
  echo "$(date +%s.%N) - $start" | bc > "$exp/infer_seconds"
  "$ROOT/tamrl" publish --run "$exp/runs/2020" --out "$exp" --no-quicklooks --nee-bounds=-40,20 >&2
  "$ROOT/tamrl" score --run "$exp/runs/2020" --out "$exp" --truth "$demo/world/truth" >&2
done
python3 - "$out" <<'PY'
import json, subprocess, sys
out = sys.argv[1]
def score(e):
    r = json.load(open(f"{out}/engine-{e}/reports/score.json"))
    glob = next(b for b in r["budgets"] if b["group"] == "global")
    return {s["variable"]: s for s in r["scores"]}, glob["product"], float(open(f"{out}/engine-{e}/infer_seconds").read())
(st, gt, tt), (so, go, to) = score("torch"), score("onnx")
daily = lambda e, m: f"{out}/engine-{e}/products/2020/netcdf/tamrl_daily_2020-{m:02d}.nc"
def largest_difference(var):
    worst = 0.0
    for m in range(1, 13):
        text = subprocess.run(["cdo", "-s", "outputf,%.6g", "-fldmax", "-timmax", "-abs", "-sub",
                               f"-selname,{var}", daily("onnx", m), f"-selname,{var}", daily("torch", m)],
                              capture_output=True, text=True, check=True).stdout
        worst = max(worst, float(text.split()[0]))
    return worst
print(f"{'flux':5} {'RMSE torch':>10} {'RMSE onnx':>10} {'bias torch':>10} {'bias onnx':>10} {'max |diff|':>10} {'total torch':>11} {'total onnx':>10}")
for f in ("gpp", "reco", "nee"):
    diff = largest_difference(f)
    print(f"{f:5} {st[f]['rmse']:10.4f} {so[f]['rmse']:10.4f} {st[f]['bias']:10.4f} {so[f]['bias']:10.4f} {diff:10.3g} {gt[f]:11.3f} {go[f]:10.3f}")
print(f"inference wall time (2020, one chunk): torch {tt:.0f} s, onnx {to:.0f} s")
PY
