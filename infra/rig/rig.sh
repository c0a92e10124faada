#!/usr/bin/env bash
# A local multi-instance rig, loopback only: a PostgreSQL cluster of its own (production durability: fsync,
# full page writes and synchronous commit on), three Bredvid instances started as in production (no dev
# environment, keys generated for the rig and read from files), and HAProxy (Debian's package) in front,
# balancing HTTP round-robin and WebSocket upgrades by connection, health-checking /health.
#
#   ./infra/rig/rig.sh start            # installs what is missing, starts it all; prints the load balancer's URL
#   ./infra/rig/rig.sh pg               # only the durable PostgreSQL and the keys (the messaging program starts its own instance)
#   ./infra/rig/rig.sh stop             # stops the instances, HAProxy and the rig's PostgreSQL
#   ./infra/rig/rig.sh status           # JSON: which parts run
#   ./infra/rig/rig.sh run <program> [key=value ...]   # one of the rig's programs (see infra/rig/README.md)
#
# Environment (optional): BREDVID_RIG_DIR (state: keys, pids, logs; default /tmp/bredvid-rig),
# BREDVID_RIG_PG_PORT (55433), BREDVID_RIG_LB_PORT (18080), BREDVID_RIG_PORTS ("18081 18082 18083").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir="${BREDVID_RIG_DIR:-/tmp/bredvid-rig}"
pg_port="${BREDVID_RIG_PG_PORT:-55433}"
lb_port="${BREDVID_RIG_LB_PORT:-18080}"
read -r -a ports <<< "${BREDVID_RIG_PORTS:-18081 18082 18083}"
jar="$root/backend/target/bredvid-backend-0.1.0-SNAPSHOT.jar"
db_url="jdbc:postgresql://127.0.0.1:$pg_port/bredvid"

log() { printf 'rig: %s\n' "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_data() {
  local version
  version=$(basename "$(dirname "$(pg_bin)")")
  if [ "$(id -u)" -eq 0 ]; then printf '/var/lib/postgresql/bredvid-rig-%s' "$version"; else printf '%s/.local/share/bredvid/rig-pg-%s' "$HOME" "$version"; fi
}

as_pg_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A pid file whose process still runs the expected program (a pid can be reused after a crash or kill -9).
alive() {
  local f=$1 want=${2:-}
  [ -s "$f" ] || return 1
  local pid
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -z "$want" ]; then case "$f" in *haproxy*) want=haproxy ;; *) want=java ;; esac; fi
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$want" ]
}

ensure_packages() {
  if ! command -v haproxy >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { log "HAProxy is missing and this is not root: install the 'haproxy' package first."; exit 1; }
    log "installing HAProxy (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy openssl >/dev/null
    # The package's own service is not used; the rig runs its own HAProxy with its own configuration.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now haproxy >/dev/null 2>&1 || true; fi
    pkill -x haproxy 2>/dev/null || true
  fi
}

start_postgres() {
  local data
  BREDVID_PG_PORT="$pg_port" BREDVID_PG_DATA="$(pg_data)" "$root/infra/postgres/ensure.sh"
  data=$(pg_data)
  # The shared development cluster runs without fsync; the rig measures durable commits, as production runs.
  if ! grep -q '^# bredvid rig: durable' "$data/postgresql.conf"; then
    printf '%s\n' '# bredvid rig: durable' 'fsync = on' 'full_page_writes = on' 'synchronous_commit = on' >> "$data/postgresql.conf"
    as_pg_owner "$(pg_bin)/pg_ctl" -D "$data" -w -t 60 restart -l "$data/server.log" >/dev/null
  fi
}

make_keys() {
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ -s "$dir/jwt.pem" ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/jwt.pem" 2>/dev/null
  [ -s "$dir/field.key" ] || head -c 32 /dev/urandom | base64 > "$dir/field.key"
  [ -s "$dir/metrics.token" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=' > "$dir/metrics.token"
  chmod 600 "$dir/jwt.pem" "$dir/field.key" "$dir/metrics.token"
}

start_instance() {
  local n=$1 port=$2
  if alive "$dir/bredvid-$n.pid"; then return; fi
  # Production start: no dev/demo environment, every secret from a file, the proxy trusted for the sender's address.
  env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
    BREDVID_PORT="$port" BREDVID_HOST=127.0.0.1 BREDVID_DB_URL="$db_url" BREDVID_DB_POOL_SIZE=16 \
    BREDVID_JWT_PRIVATE_KEY_FILE="$dir/jwt.pem" BREDVID_FIELD_KEY_ID=k1 BREDVID_FIELD_KEY="$(cat "$dir/field.key")" \
    BREDVID_TRUSTED_PROXIES=127.0.0.1 BREDVID_RATE_LIMIT_FACTOR="${BREDVID_RIG_RATE_LIMIT_FACTOR:-1000}" \
    BREDVID_HSTS_ENABLED=false BREDVID_METRICS_TOKEN_FILE="$dir/metrics.token" \
    nohup java -Xmx512m -XX:+UseSerialGC -jar "$dir/bredvid.jar" > "$dir/bredvid-$n.log" 2>&1 &
  echo $! > "$dir/bredvid-$n.pid"
}

wait_healthy() {
  local url=$1 deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url/health" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { log "$url did not become healthy; see $dir/*.log"; exit 1; }
    sleep 0.5
  done
}

write_haproxy() {
  {
    cat <<CFG
global
    maxconn 4000
    pidfile $dir/haproxy.pid

defaults
    mode http
    # No access log: client addresses and query strings are not written anywhere.
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A WebSocket stays open between its messages; the devices ping well within this.
    timeout tunnel 1h
    timeout http-request 10s
    option redispatch
    retries 2

frontend bredvid
    bind 127.0.0.1:$lb_port
    option forwardfor
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    # A busy instance answers /health slowly; only three failed checks in a row (3 s each) take it out. Sockets
    # already on it stay (a killed instance's sockets close by themselves).
    timeout check 3s
    default-server inter 1s fall 3 rise 2
CFG
    local i=1
    for p in "${ports[@]}"; do
      printf '    server bredvid-%s 127.0.0.1:%s check\n' "$i" "$p"
      i=$((i + 1))
    done
  } > "$dir/haproxy.cfg"
}

start() {
  ensure_packages
  start_postgres
  make_keys
  if [ ! -s "$jar" ]; then
    log "building the jar"
    (cd "$root" && mvn -B -q -pl backend -am package -DskipTests)
  fi
  # The instances run a copy of the jar: a rebuild of backend/target while they run must not pull classes from
  # under them. A new copy is taken only when none runs.
  local running=0
  for i in $(seq 1 "${#ports[@]}"); do if alive "$dir/bredvid-$i.pid"; then running=1; fi; done
  if [ "$running" -eq 0 ] || [ ! -s "$dir/bredvid.jar" ]; then cp "$jar" "$dir/bredvid.jar"; fi
  # The first instance migrates the database alone; the others then start beside it.
  start_instance 1 "${ports[0]}"
  wait_healthy "http://127.0.0.1:${ports[0]}"
  for i in $(seq 2 "${#ports[@]}"); do start_instance "$i" "${ports[$((i - 1))]}"; done
  for p in "${ports[@]}"; do wait_healthy "http://127.0.0.1:$p"; done
  write_haproxy
  if ! alive "$dir/haproxy.pid"; then haproxy -f "$dir/haproxy.cfg" -D; fi
  wait_healthy "http://127.0.0.1:$lb_port"
  log "ready: load balancer http://127.0.0.1:$lb_port, instances ${ports[*]}, PostgreSQL 127.0.0.1:$pg_port (state in $dir)"
  echo "http://127.0.0.1:$lb_port"
}

# Only what the messaging program needs: the durable cluster and the rig's keys; it starts its own instance.
pg() {
  start_postgres
  make_keys
  log "ready: PostgreSQL 127.0.0.1:$pg_port (durable), keys in $dir"
}

stop() {
  for f in "$dir"/bredvid-*.pid "$dir/haproxy.pid"; do
    [ -e "$f" ] || continue
    if alive "$f"; then kill "$(cat "$f")" 2>/dev/null || true; fi
    rm -f "$f"
  done
  local data
  data=$(pg_data)
  if [ -s "$data/postmaster.pid" ]; then as_pg_owner "$(pg_bin)/pg_ctl" -D "$data" -w -t 60 stop -m fast >/dev/null || true; fi
  log "stopped"
}

status() {
  local parts=() i=1
  for p in "${ports[@]}"; do
    if alive "$dir/bredvid-$i.pid"; then parts+=("\"bredvid-$i\": {\"port\": $p, \"pid\": $(cat "$dir/bredvid-$i.pid")}"); else parts+=("\"bredvid-$i\": null"); fi
    i=$((i + 1))
  done
  # The messaging program's own instance, while it runs.
  if alive "$dir/bredvid-messaging.pid"; then parts+=("\"bredvid-messaging\": {\"pid\": $(cat "$dir/bredvid-messaging.pid")}"); fi
  if alive "$dir/haproxy.pid"; then parts+=("\"haproxy\": {\"port\": $lb_port}"); else parts+=("\"haproxy\": null"); fi
  if "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then parts+=("\"postgres\": {\"port\": $pg_port}"); else parts+=("\"postgres\": null"); fi
  local IFS=,
  printf '{%s}\n' "${parts[*]}"
}

run() {
  local program=${1:?which program: load, kill, pg-restart, fuzz or messaging}
  shift
  local cp="$root/backend/target/rig-classpath.txt"
  if [ ! -s "$cp" ] || [ ! -s "$root/backend/target/test-classes/se/bredvid/bench/rig/RigMain.class" ]; then
    (cd "$root" && mvn -B -q -o -pl backend -Pbench test-compile dependency:build-classpath \
      -Dmdep.outputFile="$cp" -Dmdep.includeScope=test) >&2
  fi
  exec java -Xmx1g -cp "$root/backend/target/test-classes:$root/backend/target/classes:$(cat "$cp")" \
    -Dlogback.configurationFile="$root/infra/rig/logback-stderr.xml" -Dbredvid.rig.dir="$dir" -Dbredvid.rig.lb="http://127.0.0.1:$lb_port" -Dbredvid.rig.db="$db_url" \
    -Dbredvid.rig.ports="${ports[*]}" -Dbredvid.rig.pg-data="$(pg_data)" -Dbredvid.rig.pg-bin="$(pg_bin)" -Dbredvid.rig.root="$root" \
    se.bredvid.bench.rig.RigMain "$program" "$@"
}

case "${1:-}" in
  start) start ;;
  pg) pg ;;
  stop) stop ;;
  status) status ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 start|pg|stop|status|run <load|kill|pg-restart|fuzz|messaging> [key=value ...]" >&2; exit 2 ;;
esac
