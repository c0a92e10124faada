#!/usr/bin/env bash
# The backup round trip, end to end and bounded in time (part of infra/test.sh):
#  1. a throw-away database with the application's schema and data: the jar started on it with the dev and
#     demo environments; through the API an active pair, both phones paired, and one envelope queued for the
#     volunteer's phone (pair.mjs);
#  2. the jar stopped; row counts of every table taken; backup.sh to an age-encrypted file;
#  3. the database dropped; restore.sh into a fresh one; the row counts compared table by table;
#  4. audit-verify on the restored database; the jar started on it, and the volunteer's phone, signing in by
#     challenge, is served the queued envelope.
# Needs root or sudo the first time (installs age); uses the local PostgreSQL of infra/postgres/ensure.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
deadline=$((SECONDS + ${BREDVID_BACKUP_TEST_TIMEOUT:-300}))
left() { local s=$((deadline - SECONDS)); [ "$s" -gt 0 ] || { log "out of time"; exit 1; }; printf '%s' "$s"; }

command -v node >/dev/null || { printf 'backup-test: node is required\n' >&2; exit 1; }
jar=backend/target/bredvid-backend-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  mvn -B -q -o -pl backend package -DskipTests
fi
./infra/postgres/ensure.sh
export BREDVID_PG_PORT="${BREDVID_PG_PORT:-55432}"
source infra/backup/common.sh
log() { printf 'backup-test: %s\n' "$*" >&2; }
need age age
psql=$(pg_tool psql)
sql() { "$psql" -d "$1" -qtAX -v ON_ERROR_STOP=1 -c "$2"; }

suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
source_db="bredvid_bk_src_$suffix"
restored_db="bredvid_bk_restored_$suffix"
work=$(mktemp -d)
chmod 700 "$work"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  stop_server
  for db in "$source_db" "$restored_db"; do
    sql postgres "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# One JWT key for both starts, so that the two runs are one installation (the dev field key is the same anyway).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/jwt.pem" 2>/dev/null

# $1 database, $2 environments, $3 log file.
start_server() {
  local port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  BREDVID_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$1" BREDVID_PORT="$port" MICRONAUT_ENVIRONMENTS="$2" \
    BREDVID_JWT_PRIVATE_KEY_FILE="$work/jwt.pem" BREDVID_RATE_LIMIT_FACTOR=20 \
    java -Dmicronaut.server.host=127.0.0.1 -Dbredvid.recruiting.form-min-fill-time=0s -jar "$jar" >"$3" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  local until=$((SECONDS + 90))
  until curl -fsS "$base/health" >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$SECONDS" -ge "$until" ] || [ "$SECONDS" -ge "$deadline" ]; then
      log "the backend did not become healthy; its log:"
      tail -n 40 "$3" >&2
      exit 1
    fi
    sleep 0.3
  done
}

# Row counts of every table of the public schema, one "table count" a line.
row_counts() {
  sql "$1" "select table_name || ' ' || (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from public.%I', table_name), false, true, '')))[1]::text
            from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"
}

t0=$SECONDS
log "1. a throw-away installation ($source_db) with a pair and a queued envelope"
sql postgres "create database $source_db"
start_server "$source_db" dev,demo "$work/source.log"
timeout "$(left)" node infra/backup/pair.mjs seed "$base" "$work/source.log" "$work/state.json" >&2
stop_server
t1=$SECONDS

log "2. backup"
row_counts "$source_db" >"$work/counts.before"
envelopes=$(grep -E '^envelope ' "$work/counts.before" | cut -d' ' -f2 || true)
audit=$(grep -E '^audit_entry ' "$work/counts.before" | cut -d' ' -f2 || true)
[ "$(wc -l <"$work/counts.before")" -gt 10 ] || { log "too few tables: $(wc -l <"$work/counts.before")"; exit 1; }
age-keygen -o "$work/identity.txt" 2>/dev/null
age-keygen -y "$work/identity.txt" >"$work/recipients.txt"
BREDVID_BACKUP_RECIPIENTS_FILE="$work/recipients.txt" BREDVID_BACKUP_DATABASE="$source_db" \
  timeout "$(left)" infra/backup/backup.sh "$work/bredvid.dump.age"
head -c 21 "$work/bredvid.dump.age" | grep -q '^age-encryption.org/v1' || { log "the backup is not an age file"; exit 1; }
if grep -aq 'PGDMP\|CREATE TABLE' "$work/bredvid.dump.age"; then log "the backup holds clear text"; exit 1; fi
t2=$SECONDS

log "3. wipe, restore into $restored_db, compare row counts"
sql postgres "drop database $source_db with (force)"
BREDVID_BACKUP_IDENTITY_FILE="$work/identity.txt" timeout "$(left)" infra/backup/restore.sh "$work/bredvid.dump.age" "$restored_db"
row_counts "$restored_db" >"$work/counts.after"
if ! diff "$work/counts.before" "$work/counts.after" >&2; then log "row counts differ after the restore"; exit 1; fi
t3=$SECONDS

log "4. the restored installation: audit chain, and the queued envelope served to the phone"
BREDVID_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$restored_db" MICRONAUT_ENVIRONMENTS=dev \
  BREDVID_JWT_PRIVATE_KEY_FILE="$work/jwt.pem" timeout "$(left)" java -jar "$jar" audit-verify >"$work/verify.log" 2>&1 \
  || { log "audit-verify failed on the restored database:"; tail -n 20 "$work/verify.log" >&2; exit 1; }
start_server "$restored_db" dev "$work/restored.log"
timeout "$(left)" node infra/backup/pair.mjs check "$base" "$work/state.json" >&2
stop_server
t4=$SECONDS

[ "${envelopes:-0}" -ge 1 ] || { log "no envelope was queued before the backup"; exit 1; }
log "passed: $(wc -l <"$work/counts.before") tables with equal row counts (envelope $envelopes, audit_entry ${audit:-?})"
printf '{"tables":%s,"seconds":{"seed":%s,"backup":%s,"restore_and_compare":%s,"verify_and_serve":%s,"total":%s}}\n' \
  "$(wc -l <"$work/counts.before")" $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) $((t4 - t3)) $((t4 - t0))
