"""Summary of a budget run (bench/budget.sh): global totals, south of 60S, RMSE, and NEE/GPP at the towers' pixels.

Usage: budget_summary.py SCORE_JSON MONTHLY_NC TRAINING_NC
The towers' check uses training data only: the product's annual NEE/GPP over the towers' pixels against the towers'
own records with every calendar month of a site weighted alike (the mean of its monthly means)."""
import datetime, json, math, re, subprocess, sys

score, monthly, training = sys.argv[1:4]
report = json.load(open(score))
budgets = report["budgets"]
glob = next(b for b in budgets if b["group"] == "global")
south = next((b for b in budgets if b["group"] == "latitude" and b["region"] == "south of 60S"), None)
print("flux   product   truth   error %   (Pg C/yr)")
for f in ("gpp", "reco", "nee"):
    p, t = glob["product"][f], glob["truth"][f]
    print(f"{f:5} {p:9.2f} {t:7.2f} {100 * (p / t - 1):8.1f}")
if south:
    print(f"south of 60S: GPP {south['product']['gpp']:.3f}, RECO {south['product']['reco']:.3f} (truth {south['truth']['gpp']:.3f}, {south['truth']['reco']:.3f})")
for s in report["scores"]:
    print(f"{s['variable']} RMSE {s['rmse']:.3f} bias {s['bias']:.3f}")

def dump(args):
    return subprocess.run(["ncdump", "-v", args, training], capture_output=True, text=True, check=True).stdout

def values(text, name):
    body = re.search(rf"\n {name} =(.*?);", text, re.S).group(1)
    return [float(x) if x.strip() not in ("NaNf", "NaN", "_") else math.nan for x in body.replace("\n", "").split(",")]

lat, lon = values(dump("lat"), "lat"), values(dump("lon"), "lon")
series = {v: values(dump(v), v) for v in ("gpp", "nee")}
days = len(series["gpp"]) // len(lat)
first = datetime.date(2019, 1, 1)
units = re.search(r'time:units = "days since (\d{4}-\d\d-\d\d)', dump("time"))
t0 = values(dump("time"), "time")[0]
first = datetime.date.fromisoformat(units.group(1)) + datetime.timedelta(days=int(t0))
month = [(first + datetime.timedelta(days=d)).month for d in range(days)]
balanced = {"gpp": 0.0, "nee": 0.0}
for s in range(len(lat)):
    sums = {m: [0.0, 0.0, 0] for m in range(1, 13)}
    for d in range(days):
        g, n = series["gpp"][s * days + d], series["nee"][s * days + d]
        if math.isfinite(g) and math.isfinite(n):
            sums[month[d]][0] += g; sums[month[d]][1] += n; sums[month[d]][2] += 1
    if all(v[2] > 0 for v in sums.values()):
        balanced["gpp"] += sum(v[0] / v[2] for v in sums.values())
        balanced["nee"] += sum(v[1] / v[2] for v in sums.values())

def field(var):
    out = subprocess.run(["cdo", "-s", "outputtab,lat,lon,value", "-timmean", f"-selname,{var}", monthly], capture_output=True, text=True, check=True).stdout
    table = {}
    for line in out.splitlines()[1:]:
        a, b, c = line.split()
        table[(float(a), float(b))] = float(c)
    return table

gpp, nee = field("gpp"), field("nee")
lats = sorted({k[0] for k in gpp}); lons = sorted({k[1] for k in gpp})
step = lats[1] - lats[0]
def nearest(values_, x):
    return min(values_, key=lambda v: abs(v - x))
pg = pn = 0.0
for la, lo in zip(lat, lon):
    key = (nearest(lats, la), nearest(lons, lo))
    if gpp.get(key, -9999) > -9000:
        pg += gpp[key]; pn += nee[key]
print(f"NEE/GPP at the towers' pixels: product {pn / pg:.4f}; towers' records, months weighted alike {balanced['nee'] / balanced['gpp']:.4f}")
