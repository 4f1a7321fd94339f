#!/usr/bin/env bash
# What the model (src/TamRl.Upscale.Model) needs on a Debian 12 machine, idempotently:
#   python3      runs scripts/weaken-glibcxx-need.py after every build that copies libLibTorchSharp.so
#                (TorchSharp 0.107 asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks; see docs/model.md)
#   python3-jsonschema  the model tests check reports/evaluation.json against schemas/ with it
#   libgomp1     OpenMP runtime of LightGBM's lib_lightgbm.so (libtorch brings its own)
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" || "${TAMRL_SETUP_QUIET:-}" == 1 ]] && QUIET=1
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"
apt_ensure setup-model python3 python3-jsonschema libgomp1
