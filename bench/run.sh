#!/usr/bin/env bash
# The benchmark, end to end: ./dthub bench [--quick] [--scale city|national|0.25] [--only scenario,scenario]
#   1. a PostgreSQL/PostGIS cluster of its own under .data/bench (or DTHUB_BENCH_PG="host port" to use one),
#   2. the generated dataset in database dthub_bench_<scale>, migrated with the API's migrations (reused if loaded),
#   3. DtHub's API (Release build) and PostGraphile v5 on 127.0.0.1, both on that database,
#   4. the runner, which rewrites docs/benchmarks.md and docs/benchmarks.json; everything started here is stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=""; SCALE=""; REGENERATE=""; ONLY=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK="--quick" ;;
    --scale) SCALE="$2"; shift ;;
    --regenerate) REGENERATE="--regenerate true" ;;
    --only) ONLY="$2"; shift ;;
    *) echo "bench: unknown option $1 (expected --quick, --scale S, --regenerate, --only a,b)" >&2; exit 2 ;;
  esac
  shift
done
SCALE=${SCALE:-$([[ -n "$QUICK" ]] && echo city || echo national)}
DATA="$ROOT/.data/bench"; mkdir -p "$DATA"
PG_BIN=/usr/lib/postgresql/15/bin
API_PORT=${DTHUB_BENCH_API_PORT:-55482}; PEER_PORT=${DTHUB_BENCH_PEER_PORT:-55481}
PIDS=(); STOP_PG=""; IMPORT_DB=""; PG_HOST=""; PG_PORT=""

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$IMPORT_DB" ]]; then wait 2>/dev/null || true; psql -h "$PG_HOST" -p "$PG_PORT" -U dthub -d postgres -qc "DROP DATABASE IF EXISTS $IMPORT_DB" 2>/dev/null || true; fi
  if [[ -n "$STOP_PG" ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$DATA/pg" -m fast stop >/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_for() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" -H 'Content-Type: application/json' --data '{"query":"{__typename}"}' && return 0; sleep 0.5; done; echo "bench: $2 did not start (log: $3)" >&2; tail -20 "$3" >&2; exit 1; }

for port in "$API_PORT" "$PEER_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: port $port is already in use (another bench running?); set DTHUB_BENCH_API_PORT / DTHUB_BENCH_PEER_PORT" >&2; exit 1
  fi
done

if [[ -n "${DTHUB_BENCH_PG:-}" ]]; then
  read -r PG_HOST PG_PORT <<<"$DTHUB_BENCH_PG"
else
  PG_HOST=127.0.0.1; PG_PORT=${DTHUB_BENCH_PG_PORT:-55480}
  if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    if [[ ! -f "$DATA/pg/PG_VERSION" ]]; then
      mkdir -p "$DATA/pg"; [[ $(id -u) == 0 ]] && chown -R postgres "$DATA"
      as_postgres "$PG_BIN/initdb" -D "$DATA/pg" -A trust -U dthub >/dev/null
    fi
    # A throwaway bench cluster: durability off for faster loads; planner and JIT settings are PostgreSQL's defaults.
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA/pg" -l "$DATA/pg.log" -w -o "-p $PG_PORT -k $DATA/pg -c listen_addresses=127.0.0.1 \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_wal_size=4GB \
      -c maintenance_work_mem=512MB -c max_connections=200" start >/dev/null
    STOP_PG=1
  fi
fi
DB="dthub_bench_${SCALE//./_}"
psql -h "$PG_HOST" -p "$PG_PORT" -U dthub -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || psql -h "$PG_HOST" -p "$PG_PORT" -U dthub -d postgres -qc "CREATE DATABASE $DB"
CONN="Host=$PG_HOST;Port=$PG_PORT;Database=$DB;Username=dthub;Maximum Pool Size=32"

echo "bench: building (Release)"
dotnet build "$ROOT/bench/DtHub.Bench" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
BENCH="$ROOT/bench/DtHub.Bench/bin/Release/net10.0/DtHub.Bench.dll"
API_DIR="${DTHUB_BENCH_API_DIR:-$ROOT/api/DtHub.Api/bin/Release/net10.0}"

echo "bench: dataset $SCALE in $DB"
dotnet "$BENCH" generate --scale "$SCALE" --db "$CONN" --targets "$ROOT/db/demo/targets-from-plans.csv" $REGENERATE
psql -h "$PG_HOST" -p "$PG_PORT" -U dthub -d "$DB" -q -f "$ROOT/bench/postgraphile/fair.sql"
# The scenarios read the aggregates: bring them up to date first (every ward after a new dataset, or after a migration
# that asks for it; nothing when nothing changed).
echo "bench: refreshing the aggregates"
(cd "$API_DIR" && DTHUB_DB="$CONN" Logging__LogLevel__Default=Warning dotnet DtHub.Api.dll refresh >"$DATA/refresh.log" 2>&1) \
  || { echo "bench: the aggregate refresh failed (log: $DATA/refresh.log)" >&2; tail -20 "$DATA/refresh.log" >&2; exit 1; }

# The import adds merchants: it runs on a copy of the dataset, made before any server connects to it (a template
# must have no other sessions) and dropped on exit.
IMPORT_ARGS=()
if [[ -z "$ONLY" || ",$ONLY," == *",merchant-import,"* ]]; then
  IMPORT_DB="${DB}_import"
  echo "bench: copying $DB to $IMPORT_DB for the import"
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U dthub -d postgres -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $IMPORT_DB" -c "CREATE DATABASE $IMPORT_DB TEMPLATE $DB" \
    || { echo "bench: could not copy $DB (is another session connected to it?)" >&2; exit 1; }
  IMPORT_ARGS=(--import-db "Host=$PG_HOST;Port=$PG_PORT;Database=$IMPORT_DB;Username=dthub")
fi

# Scheduled refreshes off: a refresh firing mid-run would skew the figures (the bench times its own refresh).
echo "bench: starting DtHub on 127.0.0.1:$API_PORT"
(cd "$API_DIR" && exec env DTHUB_DB="$CONN" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Auth__AllowAnonymousReads=true RateLimit__PerIpPermits=1000000 \
  Jobs__RunScheduler=false dotnet DtHub.Api.dll --urls "http://127.0.0.1:$API_PORT") >"$DATA/api.log" 2>&1 &
API_PID=$!; PIDS+=("$API_PID")

PEER_URL=""
if command -v node >/dev/null; then
  if [[ ! -d "$ROOT/bench/postgraphile/node_modules/postgraphile" ]]; then
    (cd "$ROOT/bench/postgraphile" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  echo "bench: starting PostGraphile v5 on 127.0.0.1:$PEER_PORT"
  (cd "$ROOT/bench/postgraphile" && exec env DATABASE_URL="postgres://dthub@$PG_HOST:$PG_PORT/$DB" PORT="$PEER_PORT" \
    NODE_ENV=production node --import ./polyfill.mjs server.mjs) >"$DATA/postgraphile.log" 2>&1 &
  PIDS+=("$!"); PEER_URL="http://127.0.0.1:$PEER_PORT/graphql"
  wait_for "$PEER_URL" PostGraphile "$DATA/postgraphile.log"
fi
wait_for "http://127.0.0.1:$API_PORT/graphql" DtHub "$DATA/api.log"
command -v wrk >/dev/null || echo "bench: wrk not installed (apt-get install -y wrk): throughput columns stay empty" >&2

# In the background and waited for, so that stopping this script stops the runner and both servers at once.
dotnet "$BENCH" run --scale "$SCALE" $QUICK --db "$CONN" --dthub "http://127.0.0.1:$API_PORT/graphql" \
  ${PEER_URL:+--postgraphile "$PEER_URL"} --api-pid "$API_PID" --api-dll "$API_DIR/DtHub.Api.dll" --out "$ROOT/docs" ${ONLY:+--only "$ONLY"} ${DTHUB_BENCH_VARIANT:+--variant "$DTHUB_BENCH_VARIANT"} "${IMPORT_ARGS[@]}" &
PIDS+=("$!")
wait "$!"
