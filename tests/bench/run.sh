#!/usr/bin/env bash
# Full benchmark run on a Release build; the README records the medians.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${1:-$source_dir/build-bench}
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCORSCOPE_BENCHMARKS=ON -DCORSCOPE_GUI=OFF
cmake --build "$build_dir" -j2 --target bench_evaluator
"$build_dir/tests/bench/bench_evaluator" --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
