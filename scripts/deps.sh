#!/usr/bin/env bash
# Installs the Debian 12 packages tracksim builds and tests with. Run as root; idempotent.
# `deps.sh --app` installs only what building tracksim itself needs (the `app` preset).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libcpp-httplib-dev libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libcli11-dev
)
if [[ "${1:-}" != "--app" ]]; then
  packages+=(
    librapidcheck-dev libgtest-dev libgmock-dev libbenchmark-dev
    clang-format python3-yaml python3-jsonschema libxml2-utils
  )
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
