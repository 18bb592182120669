#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Corscope needs to build, run and test.
# Idempotent: when every package is already installed it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang libclang-rt-14-dev
  # Qt 6 as Debian 12 ships it
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libgl-dev libqt6svg6 qt6-qpa-plugins
  # editors
  libqscintilla2-qt6-dev
  # network, TLS, HTTP parsing
  libcurl4-openssl-dev libssl-dev libboost-dev zlib1g-dev libbrotli-dev libzstd-dev libsimdjson-dev curl publicsuffix openssl ca-certificates
  # a real origin server for the proxy's transparency tests (tests/proxy/tst_proxytransparency.cpp)
  nginx-light
  # real servers for the proven-fix tests (tests/fixes/)
  apache2 caddy haproxy python3-yaml
  node-express node-cors python3-flask python3-flask-cors python3-django python3-django-cors-headers
  # benchmarks
  libbenchmark-dev python3 time
  # browser-differential tests and GUI screenshots
  chromium firefox-esr xvfb xauth fonts-dejavu-core
  # certutil: Firefox trusts the test CA of the HTTPS differential through its profile's NSS db
  libnss3-tools
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq || echo "install-deps: apt-get update failed; trying the cached package lists" >&2
if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "install-deps: apt-get could not install one of: ${missing[*]}" >&2
  for p in "${missing[@]}"; do
    apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: (none)' && echo "install-deps: package '$p' is not available from the configured Debian sources" >&2
    apt-cache show "$p" >/dev/null 2>&1 || echo "install-deps: package '$p' is unknown to apt" >&2
  done
  exit 1
fi
echo "install-deps: done"
