#!/usr/bin/env bash
# Start to first painted window (budget 400 ms, Release build): launches the real app N times
# under Xvfb with CORSCOPE_EXIT_AFTER_FIRST_PAINT, which quits after the first paint, and
# reports the median wall time of the whole process (exec, dynamic linking, Qt start-up, first
# paint, teardown) — an upper bound on what a user waits for.
# Usage: tests/bench/startup.sh [BUILD_DIR] [RUNS]
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${1:-$source_dir/build-bench-gui}
runs=${2:-15}
if [[ ! -x $build_dir/app/corscope ]]; then
    cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build_dir" -j2 --target corscope
fi
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
xvfb-run -a -s "-screen 0 1400x860x24" env XDG_CONFIG_HOME="$settings" XDG_DATA_HOME="$settings" \
    CORSCOPE_EXIT_AFTER_FIRST_PAINT=1 bash -c '
    app=$1; runs=$2
    "$app" >/dev/null 2>&1 || true   # warm the page cache once, like a second launch
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$app" >/dev/null 2>&1
        end=$(date +%s%N)
        echo $(( (end - start) / 1000000 ))
    done' _ "$build_dir/app/corscope" "$runs" | sort -n | awk '
    { t[NR] = $1 }
    END { printf "start to first paint: median %d ms, min %d ms, max %d ms over %d runs (budget 400 ms)\n",
          t[int((NR + 1) / 2)], t[1], t[NR], NR }'
