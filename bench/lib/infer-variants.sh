#!/usr/bin/env bash
# Shared by bench/engine.sh and bench/precision.sh: the demo model infers 2020 on the demo's driver cube once per variant
# of one `tamrl infer` option; each run is published and scored against the world's truth, then one table compares them.
#   infer_variants DEMO OUT LABEL OPTION A B [EXTRA INFER ARGS...]
#     DEMO: a finished demo run (drivers, model, world/truth are read); OUT: where OUT/LABEL-A and OUT/LABEL-B go;
#     OPTION: the infer flag that differs (e.g. --engine) and A, B its two values, A the reference.
# Prints per flux the RMSE and bias against the truth with both, the largest difference between the two products (cdo over
# the daily files), the global totals, and each inference's wall time (same machine, one after the other: indicative).
infer_variants() {
  local demo="$1" out="$2" label="$3" option="$4" a="$5" b="$6"
  shift 6
  local v exp start
  for v in "$a" "$b"; do
    exp="$out/$label-$v"
    rm -rf "$exp"
    mkdir -p "$exp"
    start=$(date +%s.%N)
    "$ROOT/tamrl" infer --drivers "$demo/drivers" --model "$demo/model" --out "$exp" --period 2020 --budget 1GiB --batch 256 "$option" "$v" "$@" >&2
    echo "$(date +%s.%N) - $start" | bc > "$exp/infer_seconds"
    "$ROOT/tamrl" publish --run "$exp/runs/2020" --out "$exp" --no-quicklooks --nee-bounds=-40,20 >&2
    "$ROOT/tamrl" score --run "$exp/runs/2020" --out "$exp" --truth "$demo/world/truth" >&2
  done
  python3 - "$out" "$label" "$a" "$b" <<'PY'
import json, subprocess, sys
out, label, a, b = sys.argv[1:5]
def score(v):
    r = json.load(open(f"{out}/{label}-{v}/reports/score.json"))
    glob = next(x for x in r["budgets"] if x["group"] == "global")
    return {s["variable"]: s for s in r["scores"]}, glob["product"], float(open(f"{out}/{label}-{v}/infer_seconds").read())
(sa, ga, ta), (sb, gb, tb) = score(a), score(b)
daily = lambda v, m: f"{out}/{label}-{v}/products/2020/netcdf/tamrl_daily_2020-{m:02d}.nc"
def largest_difference(var):
    worst = 0.0
    for m in range(1, 13):
        text = subprocess.run(["cdo", "-s", "outputf,%.6g", "-fldmax", "-timmax", "-abs", "-sub",
                               f"-selname,{var}", daily(b, m), f"-selname,{var}", daily(a, m)],
                              capture_output=True, text=True, check=True).stdout
        worst = max(worst, float(text.split()[0]))
    return worst
print(f"{'flux':5} {'RMSE ' + a:>10} {'RMSE ' + b:>10} {'bias ' + a:>10} {'bias ' + b:>10} {'max |diff|':>10} {'total ' + a:>11} {'total ' + b:>11}")
for f in ("gpp", "reco", "nee"):
    diff = largest_difference(f)
    print(f"{f:5} {sa[f]['rmse']:10.4f} {sb[f]['rmse']:10.4f} {sa[f]['bias']:10.4f} {sb[f]['bias']:10.4f} {diff:10.3g} {ga[f]:11.3f} {gb[f]:11.3f}")
print(f"inference wall time (2020, one chunk): {a} {ta:.0f} s, {b} {tb:.0f} s")
PY
}
