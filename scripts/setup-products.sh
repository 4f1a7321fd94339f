#!/usr/bin/env bash
# Products (issue 6): udunits-bin, so tests can check with UDUNITS' own `udunits2` tool that the product
# units parse. Idempotent: installs only what is missing.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
PACKAGES=(udunits-bin)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) == 0 ]] || SUDO="sudo"
  echo "setup-products: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  [[ $QUIET == 1 ]] || echo "setup-products: Debian packages present: ${PACKAGES[*]}" >&2
fi
