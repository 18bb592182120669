#!/usr/bin/env bash
# Installs, builds (warnings are errors) and runs every test: core, CLI, GUI (offscreen),
# browser-differential (headless Chromium and Firefox), the GUI-off build check and short
# fuzz runs.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CORSCOPE_BUILD_DIR:-$source_dir/build-test}
"$source_dir/packaging/build.sh" "$build_dir" -DCORSCOPE_WERROR=ON -DCORSCOPE_BENCHMARKS=ON
export QT_QPA_PLATFORM=offscreen
cd "$build_dir"
ctest --output-on-failure --timeout 1800 "$@"
