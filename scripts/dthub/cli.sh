# ./dthub <command> args: the API binary's own CLI commands (Hosting/HubCommands.cs), run against the hub's
# database. New commands need only their entry in HubCommands and a line in the dthub dispatcher.
# Sourced, never run.

# cmd_hub name args...: starts the database if needed, builds the API if its sources changed, runs the command.
cmd_hub() {
  local name=$1; shift
  use_hub_database >/dev/null
  build_api
  hub_cli commands | grep -qx "$name" \
    || die "'$name' is not in this build of the hub yet (known: $(hub_cli commands | tr '\n' ' '))"
  hub_cli "$name" "$@"
}
