#!/usr/bin/env bash
# Computes only the account-ownership aggregates (agg_ward_month, agg_city_month) in a COPY of the national
# benchmark database, with the refresh's own SQL: ~10 s instead of a full refresh (which does not finish in
# 400 s at national scale, see docs/benchmarks.md). Enough for the map benchmark: the map opens on account
# ownership. Never point it at dthub_bench_national itself.
# Usage: bash bench/web/account-aggregates.sh "host=127.0.0.1 port=55480 dbname=dthub_map user=dthub"
set -euo pipefail
conninfo=${1:?usage: account-aggregates.sh "<libpq conninfo of your copy>"}
[[ $conninfo == *dthub_bench_national* ]] && { echo "refusing to write to the shared template" >&2; exit 1; }
sql="$(dirname "$0")/../../api/DtHub.Api/Features/Aggregates/Sql/10_account_ownership.sql"
{
  echo "BEGIN;"
  echo "CREATE TEMP TABLE agg_params ON COMMIT DROP AS SELECT true AS full_refresh;"
  echo "CREATE TEMP TABLE agg_dirty (ward_id int PRIMARY KEY) ON COMMIT DROP;"
  echo "INSERT INTO agg_dirty SELECT id FROM wards;"
  cat "$sql"
  echo "COMMIT;"
} | psql "$conninfo" -v ON_ERROR_STOP=1 -q
psql "$conninfo" -Atc "SELECT 'agg_ward_month rows: ' || count(*) || ', months ' || min(month) || ' to ' || max(month) FROM agg_ward_month"
