# PostgreSQL + PostGIS for ./dthub: install from Debian, and project-local clusters started from the
# installed binaries (no system service, no Docker). Sourced, never run.

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PG_PORT="${DTHUB_PG_PORT:-5433}"
PG_DATABASE=dthub
PG_USER=dthub

ensure_postgis_installed() {
  if [[ -x $PG_BIN/initdb && -f /usr/share/postgresql/$PG_VERSION/extension/postgis.control ]]; then return; fi
  step "Installing PostgreSQL $PG_VERSION + PostGIS (first run only)" apt_install "postgresql-$PG_VERSION-postgis-3"
}

# pg_as_owner cmd...: initdb refuses root, so as root the server runs as the postgres user.
pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# local_cluster_dir: .data/pg in the checkout, unless the postgres user cannot reach it (a checkout under
# /root, say); then a folder under /var/tmp named after the checkout, so each checkout keeps its own.
local_cluster_dir() {
  local preferred="$DATA_DIR/pg"
  if [[ $EUID -ne 0 ]]; then echo "$preferred"; return; fi
  mkdir -p "$DATA_DIR" && chmod o+x "$DATA_DIR"
  if runuser -u postgres -- test -x "$DATA_DIR"; then echo "$preferred"; return; fi
  echo "/var/tmp/dthub-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)/pg"
}

pg_is_running() { pg_as_owner "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

# pg_running_port dir: the port a running cluster listens on (line 4 of postmaster.pid).
pg_running_port() { sed -n 4p "$1/postmaster.pid"; }

# pg_init dir: a new cluster whose superuser is dthub (trust, loopback only), its socket inside its folder.
pg_init() {
  local dir=$1
  mkdir -p "$dir"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  pg_as_owner "$PG_BIN/initdb" -D "$dir" -A trust -U "$PG_USER" -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; die "initdb failed for $dir"; }
  pg_as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF

# Set by ./dthub: loopback only, socket inside the data folder (no /run/postgresql needed).
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
CONF
}

# pg_start dir port [extra postgres options]: starts the cluster and waits until it accepts connections.
pg_start() {
  local dir=$1 port=$2 extra=${3:-}
  if port_in_use "$port"; then
    die "port $port is taken by another program: set DTHUB_PG_PORT to a free port"
  fi
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "-p $port $extra" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start (log: $dir/server.log)"; }
}

pg_stop() {
  local dir=$1 mode=${2:-fast}
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m "$mode" -w stop >/dev/null
}

pg_connection_string() { echo "Host=127.0.0.1;Port=$1;Database=${2:-$PG_DATABASE};Username=$PG_USER"; }

# pg_ensure_database port name: creates the database when missing (the migrations add the extensions).
pg_ensure_database() {
  local port=$1 name=$2 exists
  exists=$("$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$name'")
  if [[ $exists != 1 ]]; then
    info "creating database $name"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$name"
  fi
}

# local_cluster_up: the checkout's own cluster, created and started as needed; sets PG_PORT to where it listens.
local_cluster_up() {
  ensure_postgis_installed
  local dir
  dir=$(local_cluster_dir)
  if [[ ! -f $dir/PG_VERSION ]]; then
    step "Creating the local PostgreSQL cluster in $dir" pg_init "$dir"
  fi
  if pg_is_running "$dir"; then
    local running
    running=$(pg_running_port "$dir")
    [[ $running == "$PG_PORT" ]] || warn "the local cluster already runs on port $running (not $PG_PORT); using $running"
    PG_PORT=$running
    info "PostgreSQL is running on 127.0.0.1:$PG_PORT"
  else
    step "Starting PostgreSQL on 127.0.0.1:$PG_PORT" pg_start "$dir" "$PG_PORT"
  fi
  pg_ensure_database "$PG_PORT" "$PG_DATABASE"
}

local_cluster_down() {
  local dir
  dir=$(local_cluster_dir)
  if [[ -f $dir/PG_VERSION ]] && pg_is_running "$dir"; then
    pg_stop "$dir"
    say "Stopped the local PostgreSQL cluster ($dir)."
  else
    say "The local PostgreSQL cluster is not running."
  fi
}

# The connection string in DTHUB_DB or ConnectionStrings__Hub points the hub at an existing database.
external_database() { [[ -n ${DTHUB_DB:-} || -n ${ConnectionStrings__Hub:-} ]]; }
