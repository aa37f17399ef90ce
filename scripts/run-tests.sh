#!/usr/bin/env bash
# Runs every test tier against what `make build` produced and ends with one
# line: "N passed, N failed". Exits non-zero when anything failed.
#
# Tiers: unit (C++), integration (C++: storage contract on SQLite and on a
# PostgreSQL cluster started here, HTTP over loopback), web unit (Vitest),
# end-to-end (Playwright + Debian's Chromium against the real server), and a
# short fuzz smoke run of every libFuzzer target.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/build/test-results"
rm -rf "$results" && mkdir -p "$results"

tier_failed=()
run_tier() {  # name, command...
  local name=$1
  shift
  echo
  echo "=== $name ==="
  if ! "$@"; then tier_failed+=("$name"); fi
}

# A throwaway PostgreSQL cluster for the storage contract suite.
pg_dir=$(mktemp -d /tmp/unknot-pg.XXXXXX)
# A port the kernel just handed out on loopback (node is here for the web app anyway).
pg_port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
cleanup() { scripts/pg-test-cluster.sh stop "$pg_dir" "$pg_port" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if pg_url=$(scripts/pg-test-cluster.sh start "$pg_dir" "$pg_port"); then
  export UNKNOT_TEST_PG_URL="$pg_url"
else
  echo "PostgreSQL test cluster did not start" >&2
  tier_failed+=("postgresql-cluster")
fi

run_tier "unit (C++)" build/bin/unit_tests --gtest_brief=1 --gtest_output="json:$results/unit.json"
run_tier "integration (C++, SQLite + PostgreSQL, HTTP)" \
  build/bin/integration_tests --gtest_brief=1 --gtest_output="json:$results/integration.json"
run_tier "web type check (svelte-check)" bash -c "cd web && npm run --silent check"
run_tier "web unit (Vitest)" bash -c "cd web && npm run --silent test:unit"
run_tier "end-to-end (Playwright, Chromium)" bash -c "cd web && npm run --silent test:e2e"
run_tier "fuzz smoke" scripts/run-fuzz.sh 10 "$results/fuzz.json"
run_tier "content check" build/bin/unknot content check --content content

cp -f web/test-results/unit.json "$results/web-unit.json" 2>/dev/null
cp -f web/test-results/e2e.json "$results/e2e.json" 2>/dev/null

echo
node scripts/summarize-tests.mjs "$results" "${tier_failed[@]}"
