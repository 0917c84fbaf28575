#!/usr/bin/env bash
# EnergoDesk in one command on a fresh Debian/Ubuntu machine (Python 3.11+):
#   ./run.sh demo    set everything up and start the desk on the demo database
#   ./run.sh test    set everything up and run the whole test suite (SQLite and PostgreSQL)
#   ./run.sh bench   run the benchmarks (JSON in benchmarks/results/)
#   ./run.sh [ARGS]  anything else is passed to the `energodesk` command
# It installs missing system libraries with apt-get (as root or through sudo), creates .venv
# and installs the project into it; nothing needs activating.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV="$ROOT/.venv"

say() { printf 'run.sh: %s\n' "$*" >&2; }

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  say "Python 3.11 or newer is needed (apt-get install python3)"; exit 2
}

apt_install() {
  # Install the Debian packages that are missing; skip quietly where apt-get is absent.
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "please install: ${missing[*]}"; exit 2; }
    sudo="sudo"
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Qt needs these even offscreen on a minimal Debian; a real X display needs the xcb ones too.
QT_LIBS=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
         libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libnss3 libxrandr2 libxcomposite1 libxdamage1
         libxtst6 libasound2)
# The tests read PDFs back (poppler), decode the bill's QR code (zbar) and need PostgreSQL.
TEST_TOOLS=(poppler-utils zbar-tools postgresql)

setup() {
  local extras="$1"
  local py; py=$(find_python)
  apt_install python3-venv "${QT_LIBS[@]}"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$py" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing EnergoDesk and its dependencies into .venv"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

pg_ready() {
  "$VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

ensure_postgres() {
  # Use the server on 127.0.0.1:5432 when one answers; otherwise start a throwaway one.
  export ENERGODESK_TEST_PG="${ENERGODESK_TEST_PG:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
  local plain="${ENERGODESK_TEST_PG/+psycopg/}"
  pg_ready "$plain" && return 0
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then say "no PostgreSQL server binaries found"; return 0; fi
  local dir; dir=$(mktemp -d /tmp/energodesk-pg.XXXXXX)
  local port=55432
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the throwaway cluster belongs to the postgres user.
    chown postgres "$dir"; run=(runuser -u postgres --)
  fi
  say "starting a throwaway PostgreSQL in $dir on port $port"
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" \
      -l "$dir/log" -w start >/dev/null
  trap '"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
  export ENERGODESK_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

command="${1:-demo}"
case "$command" in
  demo)
    shift || true
    setup test
    exec "$VENV/bin/energodesk" --demo "$@"
    ;;
  test)
    shift || true
    setup test
    apt_install "${TEST_TOOLS[@]}"
    ensure_postgres
    export QT_QPA_PLATFORM=offscreen
    set +e
    "$VENV/bin/python" -m pytest "$@"
    status=$?
    exit $status
    ;;
  bench)
    shift || true
    setup test
    apt_install "${TEST_TOOLS[@]}"
    ensure_postgres
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    exec "$VENV/bin/python" -m benchmarks "$@"
    ;;
  *)
    setup test
    exec "$VENV/bin/energodesk" "$@"
    ;;
esac
