#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 and runs each for SECONDS over
# its committed seeds. Writes [{target, ok}] to JSON_OUT when given.
# Usage: scripts/run-fuzz.sh SECONDS [JSON_OUT]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=${2:-}

cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || { echo "fuzz build failed" >&2; exit 1; }

results=()
status=0
for binary in build-fuzz/bin/*_fuzz; do
  target=$(basename "$binary" _fuzz)
  work=$(mktemp -d /tmp/unknot-fuzz-$target.XXXXXX)
  cp tests/fuzz/seeds/"$target"/* "$work"/ 2>/dev/null
  echo "fuzzing $target for ${seconds}s"
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/" "$work" > "$work.log" 2>&1; then
    results+=("{\"target\":\"$target\",\"ok\":true}")
  else
    echo "fuzz target $target failed; its log follows" >&2
    tail -50 "$work.log" >&2
    results+=("{\"target\":\"$target\",\"ok\":false}")
    status=1
  fi
  grep -E "stat::number_of_executed_units|cov:" "$work.log" | tail -2
  rm -rf "$work" "$work.log"
done
if [ -n "$out" ]; then (IFS=,; echo "[${results[*]}]") > "$out"; fi
exit $status
