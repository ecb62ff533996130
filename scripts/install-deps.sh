#!/usr/bin/env bash
# Installs the Debian 12 packages storyline needs to build, test and benchmark.
# Works as root or through sudo; installs only what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev libxml2-dev libicu-dev libuchardet-dev libcld2-dev libxxhash-dev zlib1g-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libxapian-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev chromium wrk
  libcurl4-openssl-dev libpsl-dev libarchive-dev libbrotli-dev libssl-dev
)

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-deps "${PACKAGES[@]}"
