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
for p in fp32 bf16; do
  exp="$out/precision-$p"
  rm -rf "$exp"
  mkdir -p "$exp"
  start=$(date +%s.%N)
  "$ROOT/tamrl" infer --drivers "$out/drivers" --model "$out/model" --out "$exp" --period 2020 --budget 1GiB --batch 256 --precision "$p" >&2
  echo "$(date +%s.%N) - $start" | bc > "$exp/infer_seconds"
  "$ROOT/tamrl" publish --run "$exp/runs/2020" --out "$exp" --no-quicklooks --nee-bounds=-40,20 >&2
  "$ROOT/tamrl" score --run "$exp/runs/2020" --out "$exp" --truth "$out/world/truth" >&2
done
python3 - "$out" <<'PY'
import json, subprocess, sys
out = sys.argv[1]
def score(p):
    r = json.load(open(f"{out}/precision-{p}/reports/score.json"))
    glob = next(b for b in r["budgets"] if b["group"] == "global")
    return {s["variable"]: s for s in r["scores"]}, glob["product"], float(open(f"{out}/precision-{p}/infer_seconds").read())
(s32, g32, t32), (s16, g16, t16) = score("fp32"), score("bf16")
daily = lambda p, m: f"{out}/precision-{p}/products/2020/netcdf/tamrl_daily_2020-{m:02d}.nc"
def largest_difference(var):
    worst = 0.0
    for m in range(1, 13):
        text = subprocess.run(["cdo", "-s", "outputf,%.6g", "-fldmax", "-timmax", "-abs", "-sub",
                               f"-selname,{var}", daily("bf16", m), f"-selname,{var}", daily("fp32", m)],
                              capture_output=True, text=True, check=True).stdout
        worst = max(worst, float(text.split()[0]))
    return worst
print(f"{'flux':5} {'RMSE fp32':>9} {'RMSE bf16':>9} {'bias fp32':>9} {'bias bf16':>9} {'max |diff|':>10} {'total fp32':>10} {'total bf16':>10}")
for f in ("gpp", "reco", "nee"):
    diff = largest_difference(f)
    print(f"{f:5} {s32[f]['rmse']:9.4f} {s16[f]['rmse']:9.4f} {s32[f]['bias']:9.4f} {s16[f]['bias']:9.4f} {diff:10.4f} {g32[f]:10.3f} {g16[f]:10.3f}")
print(f"inference wall time (2020, one chunk): fp32 {t32:.0f} s, bf16 {t16:.0f} s")
PY
