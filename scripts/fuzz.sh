#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs one for N seconds.
#   scripts/fuzz.sh [reader_fuzzer|html_fuzzer|text_fuzzer] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-reader_fuzzer}
seconds=${2:-60}
build=build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSTORYLINE_FUZZ=ON -DSTORYLINE_SANITIZE=ON -DSTORYLINE_BUILD_TESTS=OFF \
  -DSTORYLINE_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target "$target"
work=$(mktemp -d)
cp -r examples/seeds/. fuzz/corpus/. "$work"/
find testdata -type f -exec cp {} "$work"/ \;
# Crashes, slow and leaking inputs go to build-fuzz/artifacts/, not the working directory.
mkdir -p "$build/artifacts"
"$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
  -artifact_prefix="$build/artifacts/" "$work"
