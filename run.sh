#!/usr/bin/env bash
# EnergoDesk in one command on a fresh Debian/Ubuntu machine (Python 3.11+):
#   ./run.sh demo    set everything up and start the desk on the demo database
#   ./run.sh test    set everything up and run the whole test suite (SQLite and PostgreSQL)
#   ./run.sh bench   run the benchmarks (JSON in benchmarks/results/)
#   ./run.sh package build the Linux package: dist/energodesk/ (PyInstaller) and dist/energodesk_*.deb
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
# The tests read PDFs back (poppler), decode the bill's QR code (zbar), need PostgreSQL and print
# on a real CUPS server through its cups-pdf virtual printer.
TEST_TOOLS=(poppler-utils zbar-tools postgresql cups printer-driver-cups-pdf)
# PyInstaller reads binaries with objdump (binutils); the package test checks the desktop entry.
PACKAGE_TOOLS=(binutils desktop-file-utils)

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
  build_translations
}

build_translations() {
  # The .qm files are build products (git-ignored), compiled here and by the package build,
  # never by the desk at start; only stale ones are compiled.
  "$VENV/bin/python" scripts/i18n.py compile >/dev/null
}

need_display() {
  # Without a display Qt aborts only after all the work is done, blaming the wrong library:
  # say it in one line first. QT_QPA_PLATFORM (offscreen, xcb under xvfb-run) counts as a choice.
  [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && return 0
  say "no display: start the desk in a desktop session (or under xvfb-run, or with QT_QPA_PLATFORM=offscreen)"
  exit 2
}

pg_ready() {
  "$VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

# The throwaway server, when one was started: stopped and removed on any exit (success,
# failure, Ctrl+C), so a second run finds the port free and no stale cluster behind.
PG_TMP_DIR=""
PG_TMP_BIN=""
PG_TMP_RUN=()

stop_postgres() {
  [ -n "$PG_TMP_DIR" ] || return 0
  "${PG_TMP_RUN[@]}" "$PG_TMP_BIN/pg_ctl" -D "$PG_TMP_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP_DIR"
  say "stopped the throwaway PostgreSQL"
  PG_TMP_DIR=""
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ensure_postgres() {
  # Use the server on 127.0.0.1:5432 when one answers; otherwise start a throwaway one.
  export ENERGODESK_TEST_PG="${ENERGODESK_TEST_PG:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
  local plain="${ENERGODESK_TEST_PG/+psycopg/}"
  pg_ready "$plain" && return 0
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then say "no PostgreSQL server binaries found"; return 0; fi
  trap stop_postgres EXIT
  trap 'stop_postgres; exit 130' INT
  trap 'stop_postgres; exit 143' TERM
  PG_TMP_BIN="$bin"
  PG_TMP_DIR=$(mktemp -d /tmp/energodesk-pg.XXXXXX)
  local port; port=$(free_port)
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the throwaway cluster belongs to the postgres user.
    chown postgres "$PG_TMP_DIR"; PG_TMP_RUN=(runuser -u postgres --)
  fi
  say "starting a throwaway PostgreSQL in $PG_TMP_DIR on port $port"
  "${PG_TMP_RUN[@]}" "$bin/initdb" -D "$PG_TMP_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_TMP_RUN[@]}" "$bin/pg_ctl" -D "$PG_TMP_DIR/data" -o "-p $port -k $PG_TMP_DIR -c listen_addresses=127.0.0.1" \
      -l "$PG_TMP_DIR/log" -w start >/dev/null
  export ENERGODESK_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

# A CUPS scheduler this script started (no systemd in a container): stopped again on exit.
CUPS_PID=""

stop_cups() {
  [ -n "$CUPS_PID" ] || return 0
  kill "$CUPS_PID" 2>/dev/null || true
  say "stopped the CUPS scheduler it had started"
  CUPS_PID=""
}

ensure_cups() {
  # The printing tests add their own cups-pdf queues with lpadmin (root or the lpadmin group).
  command -v lpstat >/dev/null 2>&1 || { say "CUPS is not installed: the printing tests skip"; return 0; }
  LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running" && return 0
  [ -x /usr/sbin/cupsd ] || return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  say "starting the CUPS scheduler (cupsd)"
  $sudo /usr/sbin/cupsd || { say "could not start cupsd"; return 0; }
  for _ in $(seq 50); do
    LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running" && break
    sleep 0.1
  done
  CUPS_PID=$(pgrep -o -x cupsd || true)
  trap 'stop_cups; stop_postgres' EXIT
  trap 'stop_cups; stop_postgres; exit 130' INT
  trap 'stop_cups; stop_postgres; exit 143' TERM
}

command="${1:-demo}"
case "$command" in
  demo)
    shift || true
    need_display
    setup test
    exec "$VENV/bin/energodesk" --demo "$@"
    ;;
  test)
    shift || true
    setup test,package
    apt_install "${TEST_TOOLS[@]}" "${PACKAGE_TOOLS[@]}"
    ensure_postgres
    ensure_cups
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
    ensure_cups
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    # No exec: the EXIT trap has to stop a throwaway PostgreSQL afterwards.
    "$VENV/bin/python" -m benchmarks "$@"
    ;;
  package)
    shift || true
    setup package
    apt_install "${PACKAGE_TOOLS[@]}"
    exec "$VENV/bin/python" installer/build.py linux "$@"
    ;;
  *)
    setup test
    exec "$VENV/bin/energodesk" "$@"
    ;;
esac
