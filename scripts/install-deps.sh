#!/usr/bin/env bash
# Installs what unknot needs to build, run and test, if it is missing:
# Debian packages (apt-get, as root) and the web app's npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  g++ cmake ninja-build ccache mold pkg-config make
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev postgresql
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libsodium-dev
  liboath-dev libqrencode-dev libcurl4-openssl-dev python3-aiosmtpd
  libcmark-gfm-dev libcmark-gfm-extensions-dev libhowardhinnant-date-dev tzdata
  libeigen3-dev r-base-core r-cran-sandwich r-cran-lmtest
  libgtest-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  chromium wrk curl ca-certificates
)

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# Node.js may come from Debian or from elsewhere; only ask for it when absent.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "unknot needs these Debian packages: ${missing[*]}" >&2
    echo "Install them as root:  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f web/node_modules/.package-lock.json ] ||
   [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "Installing npm packages for web/"
  (cd web && npm ci --no-audit --no-fund)
fi
