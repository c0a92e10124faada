#!/usr/bin/env bash
# Idempotently provide the local PostgreSQL that Bredvid uses for development, tests and CI:
# installs the Debian package if missing, starts a dedicated cluster owned by the `postgres` user
# (the server refuses to run as root) on a loopback port, and creates the `bredvid` role and database.
# Fast when the server already runs. Prints nothing secret; the role's password is a local dev value.
#
# Environment (all optional):
#   BREDVID_PG_PORT      port on 127.0.0.1            (default 55432)
#   BREDVID_PG_DATA      data directory                (default /var/lib/postgresql/bredvid-<version>,
#                                                       or ~/.local/share/bredvid/pg when not root)
#   BREDVID_PG_PASSWORD  password of the bredvid role  (default bredvid; local use only)
set -euo pipefail

port="${BREDVID_PG_PORT:-55432}"
password="${BREDVID_PG_PASSWORD:-bredvid}"

log() { printf 'postgres: %s\n' "$*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && printf '%s' "$dir"
}

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and this is not root: install the 'postgresql' package first."
    exit 1
  fi
  log "installing PostgreSQL (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  # The Debian package starts its own cluster on 5432; Bredvid uses its own on $port.
fi
bin=$(pg_bin)
version=$(basename "$(dirname "$bin")")

if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  data="${BREDVID_PG_DATA:-/var/lib/postgresql/bredvid-$version}"
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  data="${BREDVID_PG_DATA:-$HOME/.local/share/bredvid/pg-$version}"
  as_owner() { "$@"; }
fi
sockdir="$data.sock"

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  running=1
else
  running=0
fi

if [ "$running" -eq 0 ]; then
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising a cluster in $data"
    mkdir -p "$data" "$sockdir"
    chown "$owner" "$data" "$sockdir" 2>/dev/null || true
    chmod 700 "$data"
    pwfile=$(mktemp)
    printf '%s\n' "$password" > "$pwfile"
    chown "$owner" "$pwfile" 2>/dev/null || true
    as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
      --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    # Local development and test cluster only: loopback, no durability across an OS crash
    # (a killed PostgreSQL or backend process still loses nothing committed).
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
max_connections = 300
shared_buffers = 256MB
fsync = off
full_page_writes = off
log_line_prefix = '%m [%p] '
log_connections = off
log_statement = 'none'
CONF
  fi
  mkdir -p "$sockdir"; chown "$owner" "$sockdir" 2>/dev/null || true
  log "starting PostgreSQL $version on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
fi

psql_admin() {
  PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'bredvid'")" != "1" ]; then
  log "creating role bredvid"
  psql_admin -c "create role bredvid login createdb password '$password'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = 'bredvid'")" != "1" ]; then
  log "creating database bredvid"
  psql_admin -c "create database bredvid owner bredvid"
fi
log "ready on 127.0.0.1:$port (database bredvid, role bredvid)"
