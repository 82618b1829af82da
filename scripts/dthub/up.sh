# ./dthub up and ./dthub down: the hub on this machine with its own PostgreSQL cluster. Sourced, never run.

cmd_up() {
  local started=$SECONDS
  use_hub_database
  build_web_assets
  build_api
  hub_database_ready
  port_in_use "$HUB_PORT" && die "port $HUB_PORT is taken (another ./dthub up?): stop it or set DTHUB_PORT"

  local url="http://127.0.0.1:$HUB_PORT"
  say ""
  say "DtHub is starting on $url (ready in $((SECONDS - started)) s; Ctrl-C stops it)"
  say "  map         $url/"
  say "  GraphiQL    $url/graphql/ui"
  say "  GraphQL     $url/graphql"
  say "  health      $url/healthz"
  say ""
  hub_serve "$url"
}

cmd_down() {
  if external_database; then
    say "DTHUB_DB points at an external database: nothing to stop."
    return
  fi
  local_cluster_down
}

# use_hub_database: DTHUB_DB (or ConnectionStrings__Hub) when given, else the local cluster, started as needed.
use_hub_database() {
  if external_database; then
    info "using the database from DTHUB_DB / ConnectionStrings__Hub"
    DTHUB_DB_EXTERNAL=1
    return
  fi
  local_cluster_up
  export DTHUB_DB
  DTHUB_DB=$(pg_connection_string "$PG_PORT")
}
