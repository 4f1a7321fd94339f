"""Would a tower-residual correction fix the global budget? (issue 19; an analysis, not a product feature)

Regression kriging in its simplest form: each tower's residual (its own 2020 record, every calendar month weighted
alike, minus the product at its pixel), either in NEE/GPP ("ratio": RECO += e x GPP) or in NEE itself ("flux":
RECO += e), interpolated to every land cell with a Gaussian kernel of length L and a shrinkage n0 towards no
correction; L and n0 chosen by leave-one-tower-out on the towers (training data only). The truth is read only to
score the corrected totals.

Usage: /usr/bin/python3 bench/budget_residuals.py WORLD_RUN_DIR PRODUCT_RUN_DIR [ratio|flux] [2020|all]
  WORLD_RUN_DIR: a demo output folder (sites/training.nc, world/static, world/truth);
  PRODUCT_RUN_DIR: the folder whose products/2020/netcdf is scored (the same folder, or a bench/budget.sh run in it).
Needs python3-xarray (scripts/setup-products.sh installs it)."""
import sys, glob, numpy as np, xarray as xr
demo, run = sys.argv[1], sys.argv[2]
MODE = sys.argv[3] if len(sys.argv) > 3 else "ratio"
# "2020": the towers' records of the product year only; "all": every year they hold (months weighted alike across years)
YEARS = sys.argv[4] if len(sys.argv) > 4 else "2020"
R = 6371.0
tr = xr.open_dataset(f"{demo}/sites/training.nc")
geo = xr.open_dataset(f"{demo}/world/static/geography.nc")
files = sorted(glob.glob(f"{run}/products/2020/netcdf/tamrl_daily_2020-*.nc"))
prod = xr.concat([xr.open_dataset(f)[["gpp", "reco", "nee"]] for f in files], "time")
truth = xr.open_dataset(f"{demo}/world/truth/truth_2020.nc")
lat, lon = prod.lat.values, prod.lon.values
P = {v: np.nan_to_num(prod[v].mean("time").values) for v in ("gpp", "reco", "nee")}
T = {v: np.nan_to_num(truth[v].mean("time").values) for v in ("gpp", "reco", "nee")}
lf = geo.land_fraction.values
res = abs(lat[1] - lat[0])
area = (np.pi / 180 * R**2 * res * 1e6) * np.abs(np.sin(np.radians(lat + res / 2)) - np.sin(np.radians(lat - res / 2)))
w = area[:, None] * lf * 366 / 1e15  # g m-2 d-1 -> Pg C/yr
tot = lambda a: float(np.nansum(a * w))
# towers: months weighted alike, over their records
time = tr.time.values
dates = tr.time.values.astype("datetime64[D]")
months = dates.astype("datetime64[M]").astype(int) % 12
in2020 = (dates >= np.datetime64("2020-01-01")) if YEARS == "2020" else np.ones(dates.size, bool)
g, n, q = tr.gpp.values, tr.nee.values, tr.qc.values
rho = np.full(tr.site.size, np.nan)
for s in range(tr.site.size):
    mg, mn = [], []
    for m in range(12):
        k = (months == m) & in2020 & np.isfinite(g[s]) & np.isfinite(n[s])
        if k.sum() == 0: break
        mg.append(g[s][k].mean()); mn.append(n[s][k].mean())
    if len(mg) == 12: rho[s] = (sum(mn) / 12) if MODE == "flux" else sum(mn) / sum(mg)
iy = np.abs(lat[None, :] - tr.lat.values[:, None]).argmin(1)
ix = np.abs(((lon[None, :] - tr.lon.values[:, None]) + 180) % 360 - 180).argmin(1)
rhat = P["nee"][iy, ix] if MODE == "flux" else P["nee"][iy, ix] / np.maximum(P["gpp"][iy, ix], 1e-6)
ok = np.isfinite(rho) & (P["gpp"][iy, ix] > 0.05)
e = (rho - rhat)[ok]; tla, tlo = np.radians(tr.lat.values[ok]), np.radians(tr.lon.values[ok])
print(f"towers {ok.sum()}, residual mean {e.mean():+.4f} sd {e.std():.4f}")
def dist(la1, lo1, la2, lo2):
    return R * np.arccos(np.clip(np.sin(la1)[:, None] * np.sin(la2)[None] + np.cos(la1)[:, None] * np.cos(la2)[None] * np.cos(lo1[:, None] - lo2[None]), -1, 1))
D = dist(tla, tlo, tla, tlo)
best = (np.mean(e**2), None, None)
print(f"LOO MSE, no correction: {best[0]:.3e}")
for L in (250, 500, 750, 1000, 1500, 2000, 3000):
    for n0 in (0.1, 0.5, 1, 2, 5):
        K = np.exp(-0.5 * (D / L) ** 2); np.fill_diagonal(K, 0)
        pred = K @ e / (n0 + K.sum(1))
        mse = np.mean((e - pred) ** 2)
        if mse < best[0]: best = (mse, L, n0)
print(f"LOO best: MSE {best[0]:.3e} L {best[1]} n0 {best[2]}")
gla, glo = np.meshgrid(np.radians(lat), np.radians(lon), indexing="ij")
def corrected(L, n0):
    K = np.exp(-0.5 * (dist(gla.ravel(), glo.ravel(), tla, tlo) / L) ** 2)
    corr = (K @ e / (n0 + K.sum(1))).reshape(gla.shape)
    f = 1 if MODE == "flux" else P["gpp"]
    return P["nee"] + corr * f, P["reco"] + corr * f
print(f"truth   GPP {tot(T['gpp']):7.2f} RECO {tot(T['reco']):7.2f} NEE {tot(T['nee']):6.2f}")
print(f"product GPP {tot(P['gpp']):7.2f} RECO {tot(P['reco']):7.2f} NEE {tot(P['nee']):6.2f} ({100*(tot(P['nee'])/tot(T['nee'])-1):+.0f} %)")
for L, n0 in [(best[1], best[2])] + [(500, 1), (1000, 1), (2000, 1)]:
    if L is None: continue
    ne, re_ = corrected(L, n0)
    print(f"L {L} n0 {n0}: RECO {tot(re_):7.2f} NEE {tot(ne):6.2f} ({100*(tot(ne)/tot(T['nee'])-1):+.0f} %)")
# replace: the pixel's annual NEE/GPP taken from its k nearest towers' records (k by leave-one-out), the model's days rescaled
if MODE == "ratio":
    r = rho[ok]
    order = np.argsort(D + np.diag(np.full(len(r), np.inf)), 1)
    best_k = min((1, 3, 5, 10, 20, 40), key=lambda k: np.mean((r - r[order[:, :k]].mean(1)) ** 2))
    Dg = dist(gla.ravel(), glo.ravel(), tla, tlo)
    for k in sorted({best_k, 5, 20}):
        near = np.argsort(Dg, 1)[:, :k]
        rt = r[near].mean(1).reshape(gla.shape)
        rp = P["nee"] / np.where(P["gpp"] > 1e-6, P["gpp"], np.nan)
        ne = np.where(np.isfinite(rp), P["nee"] + (rt - rp) * P["gpp"], P["nee"])
        print(f"replace k {k}{' (LOO)' if k == best_k else ''}: NEE {tot(ne):6.2f} ({100*(tot(ne)/tot(T['nee'])-1):+.0f} %)")
