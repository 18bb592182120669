#!/usr/bin/env bash
# Runs every fuzz target once over its committed seeds (no mutation) and reports the coverage
# they reach, so CI output shows whether the seeds get past the first byte of each parser: a
# seed corpus of one empty list once held a target at 50 edges for 9.4M runs. A target without
# a floor in seed-coverage.txt, or whose seeds reach less than it, fails.
set -euo pipefail
fuzz_dir=$1
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
floors=$source_dir/seed-coverage.txt
status=0
printf '%-22s %6s %8s %6s\n' "fuzz target" seeds coverage floor
while read -r binary; do
  target=${binary#fuzz_}
  seeds=$source_dir/corpus/$target
  count=$(find "$seeds" -type f 2>/dev/null | wc -l)
  coverage=$("$fuzz_dir/tests/fuzz/$binary" -runs=0 "$seeds" 2>&1 | sed -n 's/.*\(INITED\|DONE\) *cov: \([0-9]*\).*/\2/p' | tail -1)
  floor=$(awk -v t="$target" '$1 == t { print $2 }' "$floors")
  printf '%-22s %6s %8s %6s\n' "$binary" "$count" "${coverage:-?}" "${floor:-none}"
  if [[ -z $floor || -z $coverage || $coverage -lt $floor ]]; then
    echo "seed-coverage: $binary's seeds in tests/fuzz/corpus/$target reach ${coverage:-no} coverage; the floor is ${floor:-missing from tests/fuzz/seed-coverage.txt}" >&2
    status=1
  fi
done < <(cd "$fuzz_dir" && ctest -N -L fuzz | sed -n 's/.*Test *#[0-9]*: fuzz-\(.*\)$/fuzz_\1/p')
exit $status
