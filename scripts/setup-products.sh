#!/usr/bin/env bash
# Products (issue 6): udunits-bin, so tests can check with UDUNITS' own `udunits2` tool that the product
# units parse. Idempotent: installs only what is missing.
set -euo pipefail
QUIET=0
[[ "${1:-}" == "--quiet" || "${TAMRL_SETUP_QUIET:-}" == 1 ]] && QUIET=1
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-ensure.sh"
apt_ensure setup-products udunits-bin
