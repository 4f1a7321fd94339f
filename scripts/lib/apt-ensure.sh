# Sourced by the setup scripts: apt_ensure WHO PACKAGE... installs the Debian packages that are missing
# (with sudo when not root) and says so; prints "present" unless QUIET=1. Idempotent.
apt_ensure() {
  local who="$1"; shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    [[ "${QUIET:-0}" == 1 ]] || echo "$who: Debian packages present: $*" >&2
    return 0
  fi
  local sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  echo "$who: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
