#!/usr/bin/env bash
# Installs every dependency (Debian 12 packages, the pinned npm test packages)
# and builds the project into ./build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libyaml-cpp-dev libcurl4-openssl-dev rapidjson-dev libsodium-dev libtomlplusplus-dev
  libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libcpp-httplib-dev
  clang-14 libclang-rt-14-dev nodejs python3
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian's nodejs ships npm separately; NodeSource's nodejs bundles it.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y --no-install-recommends npm
fi

# The pinned LiteSVM test packages; reinstalled only when the lockfile changed.
lock=tests/litesvm/package-lock.json
if [ -f "$lock" ] && ! [ tests/litesvm/node_modules/.package-lock.json -nt "$lock" ]; then
  (cd tests/litesvm && npm ci --no-audit --no-fund --loglevel=error)
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
