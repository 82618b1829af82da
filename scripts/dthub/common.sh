# Shared helpers for ./dthub: messages, timing, root/apt, change detection. Sourced, never run.

DATA_DIR="$ROOT/.data"
STAMP_DIR="$DATA_DIR/stamps"

# --- messages -------------------------------------------------------------

say()  { printf '%s\n' "$*"; }
info() { printf '  %s\n' "$*"; }
warn() { printf 'dthub: warning: %s\n' "$*" >&2; }
die()  { printf 'dthub: %s\n' "$*" >&2; exit 1; }

# step "title" cmd args...: runs a long step with a heading and its duration, so a first run shows progress.
# Never call it as a condition (`step … || …`): that turns off `set -e` inside the step.
step() {
  local title=$1; shift
  local started=$SECONDS
  say "==> $title"
  "$@"
  info "done in $((SECONDS - started)) s"
}

# --- root and apt ---------------------------------------------------------

# as_root cmd...: apt and chown need root; a developer's own account goes through sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "'$*' needs root and sudo is not installed"
  fi
}

APT_UPDATED=0

# apt_install pkg...: installs Debian packages, updating the lists once per run; waits for other apt runs.
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand (this script targets Debian 12)"
  if [[ $APT_UPDATED -eq 0 ]]; then
    info "apt-get update"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    APT_UPDATED=1
  fi
  info "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_command cmd package: installs package when cmd is not on PATH.
ensure_command() {
  command -v "$1" >/dev/null || step "Installing $2" apt_install "$2"
}

# --- change detection -----------------------------------------------------

# changed_since name path...: true when a build named `name` never ran or a file under the paths is newer
# than its stamp. Build outputs and installed packages are not sources.
changed_since() {
  local stamp="$STAMP_DIR/$1"; shift
  [[ -f $stamp ]] || return 0
  local newer
  newer=$(find "$@" \( -name bin -o -name obj -o -name node_modules -o -name dist -o -name TestResults -o -name artifacts \) -prune \
            -o -type f -newer "$stamp" -print -quit 2>/dev/null)
  [[ -n $newer ]]
}

touch_stamp() { mkdir -p "$STAMP_DIR" && touch "$STAMP_DIR/$1"; }

# --- network --------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a loopback port nobody listens on, for throwaway servers. Below the kernel's ephemeral range: a port in
# that range can be the local end of any outgoing connection (or one in TIME_WAIT), and the server's bind then fails
# although nothing listens (a CI run lost its browser suite that way: "address already in use").
free_port() {
  local port low=20000 high
  high=$(( $(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768) - 1 ))
  (( high - low >= 1000 )) || high=$((low + 9999))
  for _ in {1..50}; do
    port=$((low + RANDOM % (high - low + 1)))
    port_in_use "$port" || { echo "$port"; return; }
  done
  die "no free port found"
}
