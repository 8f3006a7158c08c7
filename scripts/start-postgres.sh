#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (if installed and we may) and exports
# CEHOURS_TEST_PG_URL for the database tests. Meant to be sourced: `. scripts/start-postgres.sh`.
pg_url="postgresql+psycopg://cehours:cehours@127.0.0.1:5432/cehours_test"
if command -v pg_lsclusters >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
  name=$(pg_lsclusters -h | awk 'NR==1{print $2}')
  if [ -n "$ver" ]; then
    pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
    for _ in $(seq 1 30); do
      su postgres -c "psql -tAc 'select 1'" >/dev/null 2>&1 && break
      sleep 0.5
    done
    su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='cehours'\"" | grep -q 1 ||
      su postgres -c "psql -q -c \"create role cehours login password 'cehours' createdb\""
    # Tests drop their databases WITH (FORCE): that terminates whatever is still connected, an
    # autovacuum worker included, which needs pg_signal_backend (seen once as a teardown error).
    su postgres -c "psql -tAc \"select pg_has_role('cehours', 'pg_signal_backend', 'member')\"" | grep -q t ||
      su postgres -c "psql -q -c 'grant pg_signal_backend to cehours'"
    su postgres -c "psql -tAc \"select 1 from pg_database where datname='cehours_test'\"" | grep -q 1 ||
      su postgres -c "createdb -O cehours cehours_test"
    export CEHOURS_TEST_PG_URL="$pg_url"
    echo "postgres: $CEHOURS_TEST_PG_URL"
  fi
else
  echo "postgres: not started (needs root and the postgresql package); PostgreSQL tests will skip" >&2
fi
