#!/usr/bin/env bash
# Installs, builds and launches the Corscope GUI.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${CORSCOPE_BUILD_DIR:-$source_dir/build}
"$source_dir/packaging/build.sh" "$build_dir"
exec "$build_dir/app/corscope" "$@"
