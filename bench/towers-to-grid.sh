#!/usr/bin/env bash
# From towers to the grid on the sample world (bench/run.sh towers-to-grid [--out DIR]): a model trained on the
# towers' own meteorology (TA_F, SW_IN_F, VPD_F and features computed from location and date) runs on the driver cube
# (its ta, sw_in, vpd), and its products are scored against the world's truth beside those of the cube-trained model
# of the same demo run. Needs the demo's output (./tamrl run --config jobs/demo.json --out DIR), which it makes when
# absent. Prints the two scores side by side.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$ROOT/bench/out/demo"
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) echo "towers-to-grid: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
[[ -f "$out/reports/score.json" ]] || "$ROOT/tamrl" run --config "$ROOT/jobs/demo.json" --out "$out" >&2
towers="$out/towers-model"
mkdir -p "$towers"
cat > "$towers/sites.json" <<JSON
{ "name": "towers-to-grid", "seed": 42,
  "sites": { "towers": "$out/world/towers/sites.csv", "driverSource": "towers", "start": "2019-01-01", "end": "2020-12-31" } }
JSON
"$ROOT/tamrl" extract-sites --config "$towers/sites.json" --out "$towers" >&2
# The demo's own model settings, trained on every tower (as the demo's product model is), on the tower dataset.
python3 - "$ROOT/jobs/demo.model.json" "$towers" <<'PY'
import json, re, sys
config = json.loads(re.sub(r'^\s*//.*$', '', open(sys.argv[1]).read(), flags=re.M))
config["dataset"] = sys.argv[2] + "/sites/training.nc"
config["splits"] = sys.argv[2] + "/sites/splits.json"
config.pop("towerTruth", None)
json.dump(config, open(sys.argv[2] + "/model.json", "w"), indent=2)
PY
"$ROOT/tamrl" train --config "$towers/model.json" --out "$towers" >&2
"$ROOT/tamrl" infer --drivers "$out/drivers" --model "$towers/model" --out "$towers" --period 2020 >&2
"$ROOT/tamrl" publish --run "$towers/runs/2020" --out "$towers" --no-quicklooks >&2
"$ROOT/tamrl" score --run "$towers/runs/2020" --out "$towers" --truth "$out/world/truth" >&2
python3 - "$out/reports/score.json" "$towers/reports/score.json" <<'PY'
import json, sys
cube, towers = (json.load(open(p)) for p in sys.argv[1:3])
by = lambda r: {s["variable"]: s for s in r["scores"]}
c, t = by(cube), by(towers)
print(f"products of {cube['period']} against the sample world's truth (g C m-2 d-1)")
print(f"{'variable':10} {'cube-trained RMSE':>17} {'tower-trained RMSE':>18} {'cube bias':>9} {'tower bias':>10} {'ratio':>6}")
for v in c:
    if v in t:
        print(f"{v:10} {c[v]['rmse']:17.3f} {t[v]['rmse']:18.3f} {c[v]['bias']:9.3f} {t[v]['bias']:10.3f} {t[v]['rmse'] / c[v]['rmse']:6.2f}")
PY
