# ./dthub test: every suite (dotnet, web unit, browser e2e), summed into one closing line
# "N passed, N failed". A suite that cannot run counts as one failure. Sourced, never run.

RESULTS_DIR="$DATA_DIR/test-results"
TESTS_PASSED=0
TESTS_FAILED=0
BROKEN_SUITES=()
CURRENT_SUITE=""
SUMMARY_PRINTED=0

cmd_test() {
  TEST_STARTED=$SECONDS
  # Whatever stops the run (a failed install, a hub that never got healthy, Ctrl-C), the closing line is printed.
  trap test_on_exit EXIT
  # Tests never touch the hub's own database: they bring theirs (DTHUB_TEST_DB points them elsewhere).
  unset DTHUB_DB ConnectionStrings__Hub
  rm -rf "$RESULTS_DIR" && mkdir -p "$RESULTS_DIR"

  CURRENT_SUITE="setup"
  ensure_postgis_installed
  step "Restoring dotnet tools" restore_dotnet_tools

  run_dotnet_tests
  local package
  for package in web web/graphiql; do
    if web_package_has_script "$ROOT/$package" test; then run_web_unit_tests "$package"; fi
  done
  for package in web web/graphiql; do
    if web_package_has_script "$ROOT/$package" e2e; then run_web_e2e "$package"; fi
  done
  e2e_hub_stop
  CURRENT_SUITE=""

  print_summary
  [[ $TESTS_FAILED -eq 0 ]]
}

print_summary() {
  SUMMARY_PRINTED=1
  say ""
  local suite
  for suite in "${BROKEN_SUITES[@]}"; do say "could not run: $suite"; done
  say "tests took $((SECONDS - TEST_STARTED)) s; logs in ${RESULTS_DIR#"$ROOT"/}"
  say "$TESTS_PASSED passed, $TESTS_FAILED failed"
}

test_on_exit() {
  local code=$?
  e2e_hub_stop
  if [[ $SUMMARY_PRINTED -eq 0 ]]; then
    BROKEN_SUITES+=("${CURRENT_SUITE:-setup} (stopped with exit code $code)")
    TESTS_FAILED=$((TESTS_FAILED + 1))
    print_summary
    [[ $code -ne 0 ]] || code=1
  fi
  exit "$code"
}

restore_dotnet_tools() { (cd "$ROOT" && dotnet tool restore >/dev/null) || die "dotnet tool restore failed"; }

# suite_result name exit-code passed failed: adds a suite's counts; a failing exit with no failed test
# means the suite itself broke (a build error, a crash), which counts as one failure.
suite_result() {
  local name=$1 code=$2 passed=${3:-0} failed=${4:-0}
  if [[ $code -ne 0 && $failed -eq 0 ]] || [[ $passed -eq 0 && $failed -eq 0 ]]; then
    BROKEN_SUITES+=("$name (exit code $code, see ${RESULTS_DIR#"$ROOT"/})")
    failed=$((failed + 1))
  fi
  info "$name: $passed passed, $failed failed"
  TESTS_PASSED=$((TESTS_PASSED + passed))
  TESTS_FAILED=$((TESTS_FAILED + failed))
}

# --- dotnet -----------------------------------------------------------------

run_dotnet_tests() {
  CURRENT_SUITE="dotnet"
  say "==> dotnet test DtHub.sln"
  local trx="$RESULTS_DIR/dotnet" code=0
  # In CI a missing snapshot fails instead of being written.
  if [[ ${CI:-} == true ]]; then export SNAPSHOOTER_STRICT_MODE=true; fi
  (cd "$ROOT" && dotnet test DtHub.sln --nologo --logger "trx;LogFilePrefix=dthub" --results-directory "$trx" </dev/null) \
    2>&1 | tee "$RESULTS_DIR/dotnet.log" || code=$?
  suite_result "dotnet" "$code" $(trx_counter passed "$trx") $(trx_counter failed "$trx")
}

# trx_counter name dir: a counter summed over every test project's trx file (<Counters passed="…" …/>).
trx_counter() {
  local files=("$2"/*.trx)
  [[ -f ${files[0]} ]] || { echo 0; return; }
  grep -ho "<Counters [^>]*" "${files[@]}" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' | awk '{s += $1} END {print s + 0}'
}

# --- web --------------------------------------------------------------------

# run_web_unit_tests package: npm test (Vitest or node:test) in web/ or web/graphiql/.
run_web_unit_tests() {
  local package=$1 log="$RESULTS_DIR/${1//\//-}-unit.log" code=0
  CURRENT_SUITE="$package unit"
  say "==> $package unit tests (npm test)"
  npm_install "$ROOT/$package"
  # No terminal on stdin: Vitest runs once instead of watching.
  (cd "$ROOT/$package" && npm test --silent </dev/null) 2>&1 | tee "$log" || code=$?
  suite_result "$package unit" "$code" $(output_counts "$log")
}

# run_web_e2e package: npm run e2e in headless Chromium against one throwaway hub shared by the packages.
run_web_e2e() {
  local package=$1 log="$RESULTS_DIR/${1//\//-}-e2e.log" code=0
  CURRENT_SUITE="$package e2e"
  say "==> $package browser tests (npm run e2e)"
  npm_install "$ROOT/$package"
  [[ -n $E2E_URL ]] || e2e_hub_start
  (cd "$ROOT/$package" && DTHUB_URL="$E2E_URL" npm run e2e --silent </dev/null) 2>&1 | tee "$log" || code=$?
  suite_result "$package e2e" "$code" $(output_counts "$log")
}

# output_counts log: "passed failed" from Vitest ("Tests  1 failed | 9 passed (10)"), node:test
# ("# pass 9" / "ℹ pass 9") or Playwright ("9 passed (3.1s)") output.
output_counts() {
  local clean summary
  clean=$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1")
  summary=$(grep -E '^ *Tests +[0-9]' <<<"$clean" | tail -n 1 || true)
  if [[ -n $summary ]]; then
    echo "$(count_of passed "$summary") $(count_of failed "$summary")"
  elif grep -qE '^(#|ℹ) pass [0-9]+' <<<"$clean"; then
    echo "$(sum_node_test pass "$clean") $(sum_node_test fail "$clean")"
  else
    summary=$(grep -E '^ *[0-9]+ (passed|failed)' <<<"$clean" || true)
    echo "$(count_of passed "$summary") $(count_of failed "$summary")"
  fi
}

count_of() { grep -oE "[0-9]+ $1" <<<"$2" | awk '{s += $1} END {print s + 0}'; }
sum_node_test() { grep -E "^(#|ℹ) $1 [0-9]+" <<<"$2" | awk '{s += $3} END {print s + 0}'; }

# --- a throwaway hub for the browser tests ------------------------------------

E2E_DIR=""
E2E_PID=""
E2E_URL=""

# e2e_hub_start: a fresh cluster on a free port with the demo data and the hub in front of it, so the
# browser tests never touch the developer's own database.
e2e_hub_start() {
  ensure_command chromium chromium
  ensure_command curl curl
  build_web_assets
  build_api
  E2E_DIR=$(mktemp -d /var/tmp/dthub-e2e-XXXXXX)
  chmod 755 "$E2E_DIR"
  local pg_port hub_port
  pg_port=$(free_port)
  pg_init "$E2E_DIR/pg"
  pg_start "$E2E_DIR/pg" "$pg_port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  pg_ensure_database "$pg_port" dthub_e2e
  export DTHUB_DB
  DTHUB_DB=$(pg_connection_string "$pg_port" dthub_e2e)
  hub_cli "${MIGRATE[@]}" >"$RESULTS_DIR/e2e-hub.log" 2>&1 || die "e2e hub: migrations failed (${RESULTS_DIR#"$ROOT"/}/e2e-hub.log)"
  hub_cli seed-demo >>"$RESULTS_DIR/e2e-hub.log" 2>&1 || die "e2e hub: demo data failed (${RESULTS_DIR#"$ROOT"/}/e2e-hub.log)"
  hub_port=$(free_port)
  E2E_URL="http://127.0.0.1:$hub_port"
  DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Demo}" ASPNETCORE_CONTENTROOT="$APP_DIR" dotnet "$APP_DIR/DtHub.Api.dll" --urls "$E2E_URL" >>"$RESULTS_DIR/e2e-hub.log" 2>&1 &
  E2E_PID=$!
  wait_for_health "$E2E_URL/healthz" "$E2E_PID" || die "e2e hub did not become healthy (${RESULTS_DIR#"$ROOT"/}/e2e-hub.log)"
  info "hub for the browser tests: $E2E_URL"
}

e2e_hub_stop() {
  if [[ -n $E2E_PID ]]; then kill "$E2E_PID" 2>/dev/null || true; wait "$E2E_PID" 2>/dev/null || true; E2E_PID=""; fi
  if [[ -n $E2E_DIR ]]; then
    if [[ -f $E2E_DIR/pg/postmaster.pid ]]; then pg_stop "$E2E_DIR/pg" immediate || true; fi
    rm -rf "$E2E_DIR"
    E2E_DIR=""
  fi
  E2E_URL=""
}

# wait_for_health url pid: polls until the hub answers 200 (60 s), or gives up when the process died.
wait_for_health() {
  local url=$1 pid=$2
  for _ in {1..120}; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
