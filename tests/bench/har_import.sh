#!/usr/bin/env bash
# The HAR import budget (issue 15): `corscope-cli har FILE --format json` (import + pair +
# evaluate, output to /dev/null) against simdjson On-Demand walking every header of the same
# file in the same run, at 10k, 100k and 200k Chrome-shaped entries (tests/bench/make_har.py).
# Budgets: time <= 2x the walk, peak RSS <= 1.5x the file size (<= 0.3x as bodies are not kept),
# linear in entries. Wall time and CPU time (user+sys) are both reported: on a shared machine the
# CPU time is the comparable one.
#
# Usage: tests/bench/har_import.sh BUILD_DIR [ENTRIES...]   (a Release tree:
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCORSCOPE_GUI=OFF -DCORSCOPE_BENCHMARKS=ON
#   cmake --build build-release --target corscope-cli simdjson_walk)
set -euo pipefail
build=${1:?usage: har_import.sh BUILD_DIR [ENTRIES...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 200000)
here=$(cd "$(dirname "$0")" && pwd)
cli=$build/app/corscope-cli
walk=$build/tests/bench/simdjson_walk
for tool in "$cli" "$walk"; do
  [ -x "$tool" ] || { echo "har_import.sh: $tool is not built" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One measured run: prints "wall_s cpu_s rss_kb" for the command.
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || true
  # time writes "Command exited with non-zero status" first when the CLI reports blocked requests.
  tail -n 1 "$work/time" | awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }'
}

printf '%8s %9s | %8s %8s | %8s %8s %9s | %7s %7s %9s %9s\n' entries MB walk_s walk_cpu \
  har_s har_cpu rss_MB x_wall x_cpu rss/file us/entry
for n in "${sizes[@]}"; do
  har=$work/bench-$n.har
  python3 "$here/make_har.py" "$n" "$har"
  bytes=$(stat -c %s "$har")
  cat "$har" > /dev/null # both runs read from the page cache
  read -r walk_wall walk_cpu walk_rss < <(measure "$walk" "$har")
  read -r har_wall har_cpu har_rss < <(measure "$cli" har "$har" --format json)
  lines=$({ "$cli" har "$har" --format json || true; } | wc -l)
  awk -v n="$n" -v b="$bytes" -v ww="$walk_wall" -v wc="$walk_cpu" -v hw="$har_wall" -v hc="$har_cpu" \
      -v hr="$har_rss" -v lines="$lines" 'BEGIN {
    printf "%8d %9.1f | %8.3f %8.3f | %8.3f %8.3f %9.1f | %7.2f %7.2f %9.3f %9.1f   (%d verdicts)\n",
      n, b / 1e6, ww, wc, hw, hc, hr / 1024, hw / ww, hc / (wc > 0 ? wc : 0.001), hr * 1024 / b,
      hc * 1e6 / n, lines }'
  rm -f "$har"
done
