#!/usr/bin/env bash
# Measures the HTTP stack with wrk in one run, side by side, then the insight
# analysis against its R reference (bench/insight_bench.cpp), and writes
# bench/RESULTS.md with each scenario as a ratio of the hello-world rate.
# Usage: bench/run.sh [SECONDS]   (needs `make build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${BENCH_CONNECTIONS:-16}
binary=build/bin/unknot
[ -x "$binary" ] || { echo "run make build first" >&2; exit 1; }

data=$(mktemp -d /tmp/unknot-bench.XXXXXX)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
UNKNOT_LOG_LEVEL=warn "$binary" serve --demo --listen "127.0.0.1:$port" --data "$data" \
  --web-root web/build 2>"$data/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

# Sign in as the demo clinician: the API needs the session cookie, and writes
# the session's CSRF token.
login=$(curl -sf -c "$data/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"clinician@demo.unknot.test","password":"demo-password-123"}' "$base/api/v1/session")
export UNKNOT_CSRF=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' <<<"$login")
cookie="Cookie: unknot_session=$(awk '$6 == "unknot_session" {print $7}' "$data/cookies")"
clinic=$(curl -sf -H "$cookie" "$base/api/v1/clinics" | sed -E 's/.*"id":"([0-9a-f-]{36})".*/\1/')
patient=$(curl -sf -H "$cookie" "$base/api/v1/clinics/$clinic/patients?limit=1" |
  sed -E 's/.*"items":\[\{"id":"([0-9a-f-]{36})".*/\1/')

# Prints "rate p50_ms p99_ms" for one wrk run.
measure() {
  local out
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@")
  local rate p50 p99
  rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  [ -z "$errors" ] || { echo "wrk saw $errors error responses: $*" >&2; exit 1; }
  echo "$rate $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() {  # wrk prints 512.00us, 1.20ms or 1.01s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

echo "hello world (GET /healthz)…"
read -r hello_rate hello_p50 hello_p99 < <(measure "$base/healthz")
echo "patient read (GET /api/v1/patients/{id}, signed in, audited)…"
read -r read_rate read_p50 read_p99 < <(measure -H "$cookie" "$base/api/v1/patients/$patient")
echo "durable patient update (PATCH /api/v1/patients/{id})…"
read -r write_rate write_p50 write_p99 < <(measure -H "$cookie" -s bench/patch_patient.lua "$base/api/v1/patients/$patient")

# Check-ins: one per patient per local date (today and 7 days back), so the
# scenario first creates enough patients (itself a durable-write scenario)
# that every POST stores a new check-in.
echo "durable patient create (POST /api/v1/clinics/{id}/patients)…"
export UNKNOT_PATIENT_IDS="$data/patient-ids"
: >"$UNKNOT_PATIENT_IDS"
read -r create_rate create_p50 create_p99 < <(measure -H "$cookie" -s bench/create_patients.lua "$base/api/v1/clinics/$clinic/patients")
UNKNOT_DATES=$(for back in 0 1 2 3 4 5 6 7; do TZ=Europe/London date -d "-$back day" +%F; done | tr '\n' ' ')
export UNKNOT_DATES
echo "durable check-in (POST /api/v1/patients/{id}/check-ins) over $(wc -l <"$UNKNOT_PATIENT_IDS") patients…"
read -r checkin_rate checkin_p50 checkin_p99 < <(measure -H "$cookie" -s bench/post_check_ins.lua "$base/")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
{
  echo "# Benchmark results"
  echo
  echo "Written by \`make bench\` (bench/run.sh). Every figure comes from one run on one machine;"
  echo "compare ratios, not absolute rates, across machines."
  echo
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
  echo "- Load: wrk, 1 thread, $connections keep-alive connections, ${seconds}s per scenario, on the same machine as the server"
  echo "- Server: \`unknot serve --demo\`, SQLite (WAL, synchronous=FULL), release build (\`ci\` preset)"
  echo
  echo "| Scenario | Requests/s | Ratio to hello world | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|---:|"
  echo "| Hello world: \`GET /healthz\` (baseline) | $hello_rate | 100% | $hello_p50 | $hello_p99 |"
  echo "| Patient read, signed in: \`GET /api/v1/patients/{id}\` (session check + durable audit event) | $read_rate | $(ratio "$read_rate" "$hello_rate") | $read_p50 | $read_p99 |"
  echo "| Durable patient update, signed in: \`PATCH /api/v1/patients/{id}\` (new version + audit event) | $write_rate | $(ratio "$write_rate" "$hello_rate") | $write_p50 | $write_p99 |"
  echo "| Durable patient create, signed in: \`POST /api/v1/clinics/{id}/patients\` (record + first version + audit event) | $create_rate | $(ratio "$create_rate" "$hello_rate") | $create_p50 | $create_p99 |"
  echo "| Durable check-in, signed in: \`POST /api/v1/patients/{id}/check-ins\` (new check-in + first version + Idempotency-Key + audit event) | $checkin_rate | $(ratio "$checkin_rate" "$hello_rate") | $checkin_p50 | $checkin_p99 |"
  echo
  echo "Notes"
  echo
  echo "- Every patient read writes its audit event durably before the response leaves, so an audited"
  echo "  read costs a synced write; concurrent writes share one commit (group commit on the single"
  echo '  SQLite writer), which is why `[server] worker_threads` defaults to 16.'
  echo "- wrk shares the two cores with the server; ratios within one run are the figure to compare."
} > bench/RESULTS.md
echo "insight analysis (per patient, batch, R reference)…"
build/bin/insight_bench >> bench/RESULTS.md
cat bench/RESULTS.md
