#!/usr/bin/env bash
# What the model (src/TamRl.Upscale.Model) needs on a Debian 12 machine, idempotently:
#   python3      runs scripts/weaken-glibcxx-need.py after every build that copies libLibTorchSharp.so
#                (TorchSharp 0.107 asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks; see docs/model.md)
#   python3-jsonschema  the model tests check reports/evaluation.json against schemas/ with it
#   libgomp1     OpenMP runtime of LightGBM's lib_lightgbm.so (libtorch brings its own)
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1
PACKAGES=(python3 python3-jsonschema libgomp1)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) == 0 ]] || SUDO="sudo"
  echo "setup-model: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [[ $QUIET == 0 ]]; then
  echo "setup-model: Debian packages present: ${PACKAGES[*]}" >&2
fi
