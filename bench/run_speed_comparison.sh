#!/usr/bin/env bash
# Extraction speed on one core: storyline against two peers, on the same pages, in one run.
#
#   bench/run_speed_comparison.sh [--repeat N] [ZYTE_HTML_DIR]
#
# ZYTE_HTML_DIR holds *.html.gz pages (default: ../shared/datasets/extraction/zyte/html next
# to the repository). Each system runs pinned to core 0 (taskset -c 0), N passes over the
# pages (default 3), and prints its own timing; this script tabulates pages/s, input MB/s
# (uncompressed HTML, 1 MB = 2^20 bytes), peak RSS and the ratio storyline / peer.
#
# The timed region is the same for all three: gunzip, charset detection, HTML parse and
# article extraction of every page. Differences that remain, all against storyline:
#   - storyline also reads each file inside its timing (from the page cache: this script
#     has just read every page once) and also builds the metadata, the content hash and the
#     language of each article; the peers get their compressed bytes in memory beforehand.
#   - storyline runs the whole read → extract pipeline (storyline_corpus_bench).
# Peak RSS is each process's maximum resident set. node's garbage collector lets the heap grow
# long before it collects, so Readability.js's peak grows with --repeat.
# The runs are one after another, so other work on the machine can slow one and not another:
# the table also gives CPU seconds, and the ratio from them, which such work does not inflate.
# Peers: Readability.js (@mozilla/readability on jsdom, node) and readability-lxml
# (Debian python3-readability); install them with scripts/install-bench-peers.sh.
#
# Environment: BUILD_DIR (default build) is the CMake build directory for
# storyline_corpus_bench; it is configured (RelWithDebInfo, Ninja) when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="$ROOT/bench/peers"
BUILD_DIR="${BUILD_DIR:-build}"
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
PYTHON=/usr/bin/python3   # Debian's python3-readability lives in the system interpreter

die() { echo "run_speed_comparison: $*" >&2; exit 1; }

repeat=3
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) [ $# -ge 2 ] || die "--repeat needs a number"; repeat="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) die "unknown option $1 (usage: bench/run_speed_comparison.sh [--repeat N] [ZYTE_HTML_DIR])" ;;
    *) [ -z "$dir" ] || die "one directory only"; dir="$1"; shift ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die "--repeat wants a positive whole number, not '$repeat'"
dir="${dir:-$ROOT/../shared/datasets/extraction/zyte/html}"

# --- preconditions, each with what to do about it -------------------------------------------
[ -d "$dir" ] || die "dataset directory '$dir' does not exist (pass the zyte html/ directory of *.html.gz pages)"
dir="$(cd "$dir" && pwd)"
shopt -s nullglob
pages=("$dir"/*.html.gz)
shopt -u nullglob
[ ${#pages[@]} -gt 0 ] || die "no *.html.gz pages in '$dir'"
command -v taskset >/dev/null 2>&1 || die "taskset not found (Debian package util-linux)"
install_hint="run scripts/install-bench-peers.sh (installs python3-readability and the pinned npm packages)"
command -v node >/dev/null 2>&1 || die "node not found; $install_hint"
[ -x "$PYTHON" ] || die "$PYTHON not found; $install_hint"
"$PYTHON" -c 'import readability' 2>/dev/null || die "readability-lxml is not installed for $PYTHON; $install_hint"
[ -d "$PEERS/node_modules/jsdom" ] && [ -d "$PEERS/node_modules/@mozilla/readability" ] \
  || die "jsdom / @mozilla/readability are not installed in bench/peers/node_modules; $install_hint"

# --- storyline_corpus_bench, built if needed -------------------------------------------------
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  echo "run_speed_comparison: configuring $BUILD_DIR" >&2
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
case "$build_type" in
  Release|RelWithDebInfo|MinSizeRel) ;;
  *) echo "run_speed_comparison: warning: $BUILD_DIR is a '${build_type:-no type}' build; timings are not representative" >&2 ;;
esac
cmake --build "$BUILD_DIR" --target storyline_corpus_bench >/dev/null \
  || die "building storyline_corpus_bench in $BUILD_DIR failed (run: cmake --build $BUILD_DIR --target storyline_corpus_bench)"
ours="$BUILD_DIR/bench/storyline_corpus_bench"

# --- the input, measured once (this also warms the page cache for storyline's reads) --------
input_bytes=0
for f in "${pages[@]}"; do
  n=$(gunzip -c "$f" | wc -c) || die "cannot gunzip $f"
  input_bytes=$((input_bytes + n))
done

load="$(cut -d' ' -f1 /proc/loadavg)"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "run_speed_comparison: warning: load average is $load; other work on core 0 slows every system (compare ratios, rerun for stable numbers)" >&2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run NAME COMMAND...: one measurement line of NAME into $tmp/NAME.out, its stderr into .err,
# the CPU seconds (user + system) of the whole process into .cpu
run() {
  local name="$1"; shift
  local TIMEFORMAT='%U %S'
  echo "run_speed_comparison: running $name" >&2
  if ! { time taskset -c 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; } 2>"$tmp/$name.time"; then
    cat "$tmp/$name.err" >&2
    die "$name failed"
  fi
  awk '{ print $1 + $2 }' "$tmp/$name.time" >"$tmp/$name.cpu"
  grep -q '^pages [0-9]' "$tmp/$name.out" || { cat "$tmp/$name.out" "$tmp/$name.err" >&2; die "$name printed no measurement"; }
}
run storyline "$ours" --repeat "$repeat" "$dir"
run readability_js node "$PEERS/readability_js.mjs" --repeat "$repeat" "$dir"
run readability_lxml "$PYTHON" "$PEERS/readability_lxml.py" --repeat "$repeat" "$dir"

# field NAME KEY...: the number after the words KEY... (e.g. "seconds", "gunzip seconds") in
# NAME's measurement line
field() {
  local name="$1"; shift
  awk -v k="$*" '{
    n = split(k, w, " ")
    for (i = 1; i + n <= NF; ++i) {
      for (j = 1; j <= n && $(i + j - 1) == w[j]; ++j) {}
      if (j > n) { print $(i + n); exit }
    }
  }' "$tmp/$name.out"
}

echo
echo "extraction speed, one core (taskset -c 0): ${#pages[@]} pages, $repeat pass(es), $(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB of HTML per pass"
echo "dataset: $dir"
echo "timed, all three: gunzip + charset detection + HTML parse + extraction of every page"
echo
ours_secs="$(field storyline seconds)"
# CPU seconds: the peers report those of their timed region; storyline's bench does not, so its
# whole process is used (start-up and exit included, which only counts against storyline).
cpu_of() { local c; c="$(field "$1" cpu seconds)"; [ -n "$c" ] && echo "$c" || cat "$tmp/$1.cpu"; }
ours_cpu="$(cpu_of storyline)"
row() { printf '%-38s %8s %10s %9s %8s %9s %9s %10s %10s\n' "$@"; }
row system pages/s "input MB/s" "peak RSS" rejected "gunzip s" "CPU s" "ratio" "ratio CPU"
row "" "" "" MiB pages "(of timed)" "" "(pages/s)" "(pages/CPU-s)"
for name in storyline readability_js readability_lxml; do
  case "$name" in
    storyline) label="storyline (C++, libxml2)" ;;
    readability_js) label="Readability.js $(node -p "require('$PEERS/node_modules/@mozilla/readability/package.json').version") + jsdom $(node -p "require('$PEERS/node_modules/jsdom/package.json').version")" ;;
    readability_lxml) label="readability-lxml $("$PYTHON" -c 'import importlib.metadata as m; print(m.version("readability-lxml"))' 2>/dev/null || echo '?')" ;;
  esac
  secs="$(field "$name" seconds)"
  cpu="$(cpu_of "$name")"
  gunzip_s="$(field "$name" gunzip seconds)"
  n=$(( ${#pages[@]} * repeat ))
  row "$label" \
    "$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.1f", n / s }')" \
    "$(awk -v b="$input_bytes" -v r="$repeat" -v s="$secs" 'BEGIN { printf "%.2f", b * r / 1048576 / s }')" \
    "$(field "$name" RSS)" "$(field "$name" rejected)" "${gunzip_s:--}" "$cpu" \
    "$(awk -v a="$secs" -v b="$ours_secs" -v self="$name" 'BEGIN { if (self == "storyline") print "-"; else printf "%.1fx", a / b }')" \
    "$(awk -v a="$cpu" -v b="$ours_cpu" -v self="$name" 'BEGIN { if (self == "storyline") print "-"; else printf "%.1fx", a / b }')"
done
echo
echo "ratio = storyline pages/s / peer pages/s, from the wall clock of the timed region."
echo "ratio CPU = the same from CPU seconds (user + system, all threads): the peers' timed region,"
echo "storyline's whole process. Other work on core 0 inflates wall clock, not CPU seconds, so on a"
echo "busy machine trust ratio CPU. gunzip s: the part of a peer's timed seconds spent in gunzip."
echo
awk -v secs="$ours_secs" -v cpu="$ours_cpu" -v js="$(field readability_js seconds)" -v jscpu="$(cpu_of readability_js)" \
    -v n="$(( ${#pages[@]} * repeat ))" '
  function bar(ok) { return ok ? "yes" : "NO" }
  BEGIN {
    printf "done-bar: storyline >= 200 pages/s: wall %s (%.1f), CPU %s (%.1f per CPU-second)\n",
      bar(n / secs >= 200), n / secs, bar(n / cpu >= 200), n / cpu
    printf "          >= 30x Readability.js: wall %s (%.1fx), CPU %s (%.1fx)\n",
      bar(js / secs >= 30), js / secs, bar(jscpu / cpu >= 30), jscpu / cpu
  }'
echo "storyline rejects a page it finds no article in; a peer rejects one it throws on (or, Readability.js, returns null for)."
for name in readability_js readability_lxml; do
  if [ -s "$tmp/$name.err" ]; then
    echo "$name said:"
    sed 's/^/  /' "$tmp/$name.err" | head -20
  fi
done
