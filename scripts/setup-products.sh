#!/usr/bin/env bash
# Products (issue 6): udunits-bin, so tests can check with UDUNITS' own `udunits2` tool that the product
# units parse; python3-xarray, python3-zarr and python3-netcdf4 (issue 18), so tests open the daily Zarr store with
# xarray's open_zarr and compare it with the NetCDF opened by open_dataset (run with /usr/bin/python3, Debian's
# interpreter, which sees these packages). Idempotent: installs only what is missing.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" || "${TAMRL_SETUP_QUIET:-}" == 1 ]] && QUIET=1
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"
apt_ensure setup-products udunits-bin python3 python3-xarray python3-zarr python3-netcdf4
