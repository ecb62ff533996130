#!/usr/bin/env bash
# Load benchmark of `storyline serve`: a generated store (default 100k articles), the server
# on loopback, then wrk on /api/search (a mix of 2,000 queries) and on story pages (2,000
# random stories); prints requests/s, p50/p99 latency and errors for each.
#
#   bench/serve_load.sh [BUILD_DIR]        (default: build)
#   env: ARTICLES=100000 DURATION=60s THREADS=2 CONNECTIONS=16 DB=<dir to keep the store in>
#        CACHE=<entries of the server's response cache; 0 measures every request uncached>
#
# The store (and its search index, built by the server at its first start) is kept in DB and
# reused by later runs with the same ARTICLES. Needs wrk (Debian: apt-get install wrk).
# A store generated before schema v5 has no stored story coverage (story pages then compute it
# per request): delete DB to generate it again. An index of an older format is rebuilt by the
# server at its start.
set -euo pipefail
build=${1:-build}
articles=${ARTICLES:-100000}
duration=${DURATION:-60s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
db=${DB:-$build/bench-serve-$articles}
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cmake --build "$build" --target storyline_serve_gen serve_fixture >/dev/null
if [ ! -f "$db/storyline.db" ]; then
  echo "serve_load: generating $articles articles in $db" >&2
  gen=""
  for candidate in "$build/bench/storyline_serve_gen" "$build/src/serve/storyline_serve_gen"; do
    [ -x "$candidate" ] && { gen=$candidate; break; }
  done
  [ -n "$gen" ] || { echo "serve_load: storyline_serve_gen was not built in $build" >&2; exit 1; }
  "$gen" --db "$db" --articles "$articles"
fi

work=$(mktemp -d)
server_pid=""
feeder_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$feeder_pid" ] && kill "$feeder_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkfifo "$work/stdin"
sleep 100000 > "$work/stdin" &
feeder_pid=$!
started=$(date +%s)
"$build/src/serve/serve_fixture" --db "$db" --no-ingest --cache "${CACHE:-2048}" < "$work/stdin" > "$work/out" 2> "$work/err" &
server_pid=$!
for _ in $(seq 1 1200); do
  grep -q '^listening ' "$work/out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.5
done
url=$(sed -n 's/^listening \(http:[^ ]*\)\/$/\1/p' "$work/out")
[ -n "$url" ] || { echo "serve_load: the server did not start" >&2; cat "$work/err" >&2; exit 1; }
echo "serve_load: $url ready after $(( $(date +%s) - started )) s (first start builds the search index)" >&2

cat > "$work/paths.lua" <<'LUA'
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
LUA

run() {
  local name=$1 list=$2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/paths.lua" "$url" -- "$list" \
    > "$work/$name.txt"
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/$name.txt")
  sockerr=$(grep -o 'Socket errors:.*' "$work/$name.txt" || true)
  printf '%-12s %10s req/s   p50 %-9s p99 %-9s non-2xx %s %s\n' "$name" "$rps" "$p50" "$p99" \
    "${non2xx:-0}" "$sockerr"
}
echo "serve_load: $articles articles, wrk -t$threads -c$connections -d$duration, cache ${CACHE:-2048}" >&2
run search "$db/search_paths.txt"
run story_page "$db/story_paths.txt"
