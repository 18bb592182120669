#!/usr/bin/env bash
# Installs, builds (warnings are errors) and runs every test: core, CLI, GUI (offscreen),
# browser-differential (headless Chromium and Firefox), the GUI-off build check, a benchmark
# smoke run, and short bounded fuzz runs of every parser (clang + libFuzzer + ASan/UBSan).
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CORSCOPE_BUILD_DIR:-$source_dir/build-test}
fuzz_dir=${CORSCOPE_FUZZ_BUILD_DIR:-$source_dir/build-fuzz}
"$source_dir/packaging/build.sh" "$build_dir" -DCORSCOPE_WERROR=ON -DCORSCOPE_BENCHMARKS=ON
export QT_QPA_PLATFORM=offscreen
status=0
(cd "$build_dir" && ctest --output-on-failure --timeout 1800 "$@") || status=1

# The fuzzers need clang; they get their own tree with only the fuzz targets.
CXX=clang++ cmake -S "$source_dir" -B "$fuzz_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCORSCOPE_GUI=OFF -DCORSCOPE_FUZZ=ON -DCORSCOPE_SANITIZE=ON -DCORSCOPE_FUZZ_SECONDS="${CORSCOPE_FUZZ_SECONDS:-20}"
mapfile -t fuzz_targets < <(cd "$fuzz_dir" && ctest -N -L fuzz | sed -n 's/.*Test *#[0-9]*: fuzz-\(.*\)$/fuzz_\1/p')
cmake --build "$fuzz_dir" -j"${CORSCOPE_JOBS:-2}" --target "${fuzz_targets[@]}"
"$source_dir/tests/fuzz/seed_coverage.sh" "$fuzz_dir" || status=1
(cd "$fuzz_dir" && ctest --output-on-failure -L fuzz) || status=1
exit $status
