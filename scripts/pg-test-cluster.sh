#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL 15 cluster for the storage tests.
#
#   scripts/pg-test-cluster.sh start DIR PORT   # prints the database URL
#   scripts/pg-test-cluster.sh stop DIR [PORT]  # stops the cluster and removes DIR
#
# The cluster listens on 127.0.0.1:PORT (and a socket in DIR), trusts local
# connections and runs with fsync off: it is for tests only. PostgreSQL
# refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
MARKER=.unknot-pg-test-cluster  # stop removes only directories start made

die() { echo "pg-test-cluster: $*" >&2; exit 1; }
usage() { die "usage: $0 start DIR PORT | stop DIR [PORT]"; }

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1 port=$2
  [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
  for tool in initdb pg_ctl createdb; do
    [[ -x $PG_BIN/$tool ]] ||
      die "$PG_BIN/$tool not found: install the postgresql-15 package (or set PG_BIN)"
  done
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to own the cluster"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ $dir =~ [[:space:]] ]] && die "DIR must not contain spaces: $dir"
  [[ -e $dir/data ]] && die "$dir/data already exists; stop the old cluster first"
  touch "$dir/$MARKER"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  as_owner test -w "$dir" -a -x "$dir" ||
    die "$dir is not writable by the cluster owner (is a parent directory private?)"

  as_owner "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 \
    --locale=C >"$dir/initdb.log" 2>&1 || die "initdb failed; see $dir/initdb.log"
  if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $port -h 127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "the server did not start (is port $port free?); see $dir/server.log"
  fi
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres unknot_test ||
    die "createdb unknot_test failed"
  echo "postgresql://postgres@127.0.0.1:$port/unknot_test"
}

stop() {
  local dir=$1
  [[ -d $dir ]] || return 0
  [[ -e $dir/$MARKER ]] || die "$dir was not made by this script; not removing it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
      die "pg_ctl stop failed; $dir left in place"
  fi
  rm -rf "$dir"
}

case ${1:-} in
  start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
  stop) [[ $# -ge 2 && $# -le 3 ]] || usage; stop "$2" ;;
  *) usage ;;
esac
