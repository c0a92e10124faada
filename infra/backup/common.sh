# Shared by backup.sh and restore.sh (sourced). Connection: the libpq variables PGHOST, PGPORT, PGUSER and
# PGPASSWORD or PGPASSFILE; the defaults are the local cluster of infra/postgres/ensure.sh.
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-${BREDVID_PG_PORT:-55432}}"
export PGUSER="${PGUSER:-bredvid}"
if [ -z "${PGPASSWORD:-}" ] && [ -z "${PGPASSFILE:-}" ]; then
  export PGPASSWORD="${BREDVID_PG_PASSWORD:-bredvid}"
fi

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "$*"; exit 1; }

# Installs a Debian package when its command is missing (as infra/postgres/ensure.sh installs PostgreSQL).
need() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "'$command' is missing and this is not root: install the Debian package '$package'"
  log "installing $package (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$package" >/dev/null
}

# The newest PostgreSQL client tools on the machine (pg_dump must not be older than the server).
pg_tool() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/$1" ]; then
    printf '%s/%s' "$dir" "$1"
  else
    need "$1" postgresql-client
    command -v "$1"
  fi
}

# A database name the scripts accept (they interpolate it into SQL and connection strings).
check_name() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database name '$1' must be lower-case letters, digits and _"
}
