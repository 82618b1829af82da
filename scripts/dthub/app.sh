# Building and running the hub for ./dthub: web assets, the published API, and its CLI commands.
# Sourced, never run.

APP_DIR="$DATA_DIR/app"
API_PROJECT="$ROOT/api/DtHub.Api/DtHub.Api.csproj"
HUB_PORT="${DTHUB_PORT:-5080}"

# web_package_has_script dir name: true when dir/package.json defines that npm script.
web_package_has_script() {
  [[ -f $1/package.json ]] || return 1
  ensure_command node nodejs
  node -e 'process.exit(require(process.argv[1]).scripts?.[process.argv[2]] ? 0 : 1)' \
    "$1/package.json" "$2"
}

# npm_install dir: npm ci from the lock file, only when node_modules is missing or older than the lock.
npm_install() {
  local dir=$1
  ensure_command npm npm
  if [[ -d $dir/node_modules && ( ! -f $dir/package-lock.json || $dir/node_modules/.package-lock.json -nt $dir/package-lock.json ) ]]; then
    return
  fi
  info "npm install in ${dir#"$ROOT"/}"
  if [[ -f $dir/package-lock.json ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

# build_web_package dir stamp: npm run build when its sources changed since the last build.
build_web_package() {
  local dir=$1 stamp=$2
  web_package_has_script "$dir" build || return 0
  changed_since "$stamp" "$dir" || return 0
  step "Building ${dir#"$ROOT"/} (npm run build)" build_web_now "$dir" "$stamp"
}

build_web_now() {
  npm_install "$1"
  (cd "$1" && npm run build --silent) || die "npm run build failed in ${1#"$ROOT"/}"
  touch_stamp "$2"
}

build_web_assets() {
  build_web_package "$ROOT/web/graphiql" web-graphiql
  build_web_package "$ROOT/web" web
}

# build_api: dotnet publish into .data/app, only when the API's sources or the demo inputs changed.
build_api() {
  if [[ -f $APP_DIR/DtHub.Api.dll ]] && ! changed_since api "$ROOT/api" "$ROOT/db" \
       "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/global.json"; then
    return
  fi
  step "Building the API (dotnet publish -c Release)" build_api_now
}

build_api_now() {
  command -v dotnet >/dev/null || die "the .NET SDK is missing: install dotnet-sdk-10.0 (see README.md)"
  # A stamp taken before the build, so edits made while it runs trigger the next one.
  local started="$STAMP_DIR/api.next"
  mkdir -p "$STAMP_DIR" && touch "$started"
  dotnet publish "$API_PROJECT" -c Release -o "$APP_DIR" --nologo -v quiet -clp:ErrorsOnly \
    || die "the API did not build"
  mv "$started" "$STAMP_DIR/api"
}

# hub_cli command args...: one of the API binary's CLI commands (Hosting/HubCommands.cs) against DTHUB_DB.
hub_cli() {
  DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Demo}" DOTNET_CONTENTROOT="$APP_DIR" dotnet "$APP_DIR/DtHub.Api.dll" "$@"
}

# hub_serve url: the web host in the foreground; Ctrl-C stops it.
hub_serve() {
  DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Demo}" ASPNETCORE_CONTENTROOT="$APP_DIR" exec dotnet "$APP_DIR/DtHub.Api.dll" --urls "$1"
}

# hub_database_ready: migrations applied and demo data loaded (each command is a no-op when already done).
hub_database_ready() {
  if local_migrations_applied; then
    info "database is up to date"
  else
    step "Applying database migrations" hub_migrate
  fi
  if [[ ${DTHUB_DEMO:-1} == 0 ]]; then
    info "DTHUB_DEMO=0: demo data not loaded"
  elif local_demo_loaded; then
    info "demo data already present"
  else
    step "Loading the Vũng Tàu demo data (first run only)" hub_seed_demo
  fi
}

# Fast paths for the local cluster: psql answers in milliseconds where starting .NET takes seconds.
# With DTHUB_DB they report "unknown" and the API's own commands decide.
local_sql() {
  [[ -z ${DTHUB_DB_EXTERNAL:-} ]] || return 1
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -tAc "$1" 2>/dev/null
}

# local_migrations_applied: the database has exactly the migrations in the sources (which were just built).
local_migrations_applied() {
  local expected applied
  expected=$(find "$ROOT/api/DtHub.Api/Data/Migrations" -name '2*.cs' ! -name '*.Designer.cs' -printf '%f\n' \
    | sed 's/\.cs$//' | LC_ALL=C sort)
  applied=$(local_sql "SELECT migration_id FROM __ef_migrations_history ORDER BY 1") || return 1
  [[ -n $applied && $applied == "$expected" ]]
}

# Demo data and its first aggregate refresh both present (seed-demo does whichever is missing).
local_demo_loaded() { [[ $(local_sql "SELECT EXISTS (SELECT 1 FROM wards) AND EXISTS (SELECT 1 FROM aggregate_runs WHERE status = 'succeeded')" || true) == t ]]; }

# EF logs its probe of a not-yet-existing history table as an error on a fresh database; real failures still throw.
MIGRATE=(migrate --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Critical)

hub_migrate() { hub_cli "${MIGRATE[@]}" || die "applying the migrations failed (see above)"; }

hub_seed_demo() {
  hub_cli seed-demo || die "loading the demo data failed (see above); DTHUB_DEMO=0 ./dthub up starts the hub without it"
}
