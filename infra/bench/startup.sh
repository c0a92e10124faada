#!/usr/bin/env bash
# Start-up time and memory of the backend jar, per JVM variant (issue 17, step 5). Prints ONE JSON document.
#
#   ./infra/bench/startup.sh [RUNS]        # RUNS per variant, default 5; needs backend/target/*.jar
#                                          # (mvn -B -q -o -pl backend package -DskipTests)
#
# Each run starts the jar as production does (no dev environment; JWT key, field key and metrics token generated
# for this script and given as in infra/rig/rig.sh) against a throw-away database on the local PostgreSQL
# (infra/postgres/ensure.sh), on a free port, and measures the time from process start to the first 200 from
# GET /health and the process's VmRSS at that moment; then SIGTERM. Runs are interleaved (run 1 of every
# variant, then run 2, ...) so that a change in background load hits every variant alike. The database is
# migrated by an untimed start first, so every timed start is a restart, as in production.
#
# Variants: the plain-JVM floor (a trivial main class serving /health with the JDK's HttpServer) on each JDK;
# Java 17 as is (the JDK's default CDS archive), with -Xshare:off (what the image runs today), with a dynamic
# AppCDS archive (-XX:ArchiveClassesAtExit from a training run, then -XX:SharedArchiveFile), and the same with
# C1 only (-XX:TieredStopAtLevel=1); Java 25 as is, and with the AOT cache (JEP 483/514: -XX:AOTCacheOutput from
# a training run, then -XX:AOTCache). Every variant gets the image's JVM flags with the heap sized as under the
# Kubernetes 1 GiB limit (-XX:MaxRAM=1g). The training runs start the app, wait for /health and stop it with
# SIGTERM so that the JVM writes the archive at exit.
#
# Timings are only meaningful on a quiet machine: the script waits (up to BREDVID_BENCH_WAIT minutes, default
# 20) until the 1-minute load average is below BREDVID_BENCH_MAX_LOAD (default 1.5), and reports the load
# before and after; each start also waits for a quiet moment and is repeated when other work took more than
# BREDVID_BENCH_MAX_OTHER_CPU (0.5) CPU seconds while it ran (max_other_cpu_s in the output).
# Environment: JAVA17, JAVA25 (JDK homes), BREDVID_PG_PORT, BREDVID_PG_PASSWORD.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${1:-5}
java17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=$(ls "$root"/backend/target/bredvid-backend-*.jar 2>/dev/null | grep -v original- | head -n 1 || true)
log() { printf 'startup-bench: %s\n' "$*" >&2; }
[ -n "$jar" ] || { log "no jar: mvn -B -q -o -pl backend package -DskipTests"; exit 1; }
[ -x "$java17" ] && [ -x "$java25" ] || { log "need $java17 and $java25"; exit 1; }

max_load=${BREDVID_BENCH_MAX_LOAD:-1.5}
deadline=$((SECONDS + 60 * ${BREDVID_BENCH_WAIT:-20}))
until awk -v m="$max_load" '{exit !($1 < m)}' /proc/loadavg; do
  [ "$SECONDS" -lt "$deadline" ] || { log "load stayed at or above $max_load: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 1; }
  log "load $(cut -d' ' -f1 /proc/loadavg) >= $max_load; waiting"
  sleep 60
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

./infra/postgres/ensure.sh
pg_port="${BREDVID_PG_PORT:-55432}" pg_password="${BREDVID_PG_PASSWORD:-bredvid}"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
db="bredvid_startup_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
psql_() { PGPASSWORD="$pg_password" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U bredvid -d postgres -qtA -v ON_ERROR_STOP=1 "$@"; }
work=$(mktemp -d)
chmod 700 "$work"
trap 'psql_ -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT INT TERM
psql_ -c "create database $db"

# Secrets for this script only, in files (as production gives them); never printed.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/jwt.pem" 2>/dev/null
head -c 32 /dev/urandom | base64 >"$work/field.key"
head -c 32 /dev/urandom | base64 | tr -d '/+=' >"$work/metrics.token"

# The floor: the least a JVM does to answer GET /health.
mkdir -p "$work/floor"
cat >"$work/floor/Floor.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class Floor {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("BREDVID_PORT"))), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
JAVA
"${java17%/java}/javac" --release 17 -d "$work/floor" "$work/floor/Floor.java"

# The image's flags (pom.xml, profile image) without -Xshare:off, the heap sized as in a 1 GiB container.
common="-XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.awt.headless=true -Dfile.encoding=UTF-8"
app="-jar $jar"

export BREDVID_WORK="$work" BREDVID_DB_NAME="$db" BREDVID_PG_PORT_="$pg_port" BREDVID_PG_PASSWORD_="$pg_password"
# measure.py: one start; prints "<ms to first 200 from /health> <VmRSS KiB then> <CPU s used by others meanwhile>".
# The load average lags by minutes, so each start first waits for a quiet moment (all cores together under 10 %
# busy for 2 s), and counts the CPU time spent by anything but the started JVM until it answered (PostgreSQL's
# work for it included), so that a start disturbed by other work can be told and repeated.
cat >"$work/measure.py" <<'PY'
import http.client, os, signal, socket, subprocess, sys, time
w = os.environ["BREDVID_WORK"]
hz = os.sysconf("SC_CLK_TCK")
def busy():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / hz  # user nice system irq softirq steal
def own(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / hz
wait_until = time.monotonic() + 60 * float(os.environ.get("BREDVID_BENCH_WAIT", "20"))
while True:
    b0 = busy(); time.sleep(2)
    if (busy() - b0) / 2 / os.cpu_count() < 0.10:
        break
    if time.monotonic() > wait_until:
        sys.exit("the machine did not become quiet")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
env = {"PATH": os.environ["PATH"], "HOME": w, "LANG": "C.UTF-8",
       "BREDVID_PORT": str(port), "BREDVID_HOST": "127.0.0.1", "BREDVID_ENVIRONMENT": "production",
       "BREDVID_DB_URL": "jdbc:postgresql://127.0.0.1:%s/%s" % (os.environ["BREDVID_PG_PORT_"], os.environ["BREDVID_DB_NAME"]),
       "BREDVID_DB_PASSWORD": os.environ["BREDVID_PG_PASSWORD_"],
       "BREDVID_JWT_PRIVATE_KEY_FILE": w + "/jwt.pem", "BREDVID_FIELD_KEY_ID": "k1",
       "BREDVID_FIELD_KEY": open(w + "/field.key").read().strip(), "BREDVID_METRICS_TOKEN_FILE": w + "/metrics.token",
       "BREDVID_HSTS_ENABLED": "false"}
with open(w + "/app.log", "ab") as out:
    b0 = busy()
    t0 = time.monotonic_ns()
    p = subprocess.Popen(sys.argv[1:], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=w)
    ms = rss = other = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and p.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                ms = (time.monotonic_ns() - t0) / 1e6
                rss = next(int(l.split()[1]) for l in open("/proc/%d/status" % p.pid) if l.startswith("VmRSS:"))
                other = max(0.0, busy() - b0 - own(p.pid) - time.process_time())
                break
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.01)
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(180)  # a training run writes its archive at exit
        except subprocess.TimeoutExpired:
            p.kill(); p.wait()
    if ms is None:
        sys.exit("no 200 from /health (exit %s); see the log" % p.returncode)
    print("%.1f %d %.2f" % (ms, rss, other))
PY
measure() { python3 "$work/measure.py" "$@"; }

log "migrating the throw-away database (untimed start)"
measure "$java17" $common $app >/dev/null
log "training: Java 17 AppCDS (-XX:ArchiveClassesAtExit)"
measure "$java17" $common -XX:ArchiveClassesAtExit="$work/app17.jsa" $app >/dev/null
log "training: Java 25 AOT cache (-XX:AOTCacheOutput)"
measure "$java25" $common -XX:AOTCacheOutput="$work/app25.aot" $app >/dev/null
[ -s "$work/app17.jsa" ] && [ -s "$work/app25.aot" ] || { log "an archive was not written"; tail -n 20 "$work/app.log" >&2; exit 1; }
# The archives are usable, not silently ignored: with -Xshare:on and -XX:AOTMode=on a mismatch is fatal.
log "checking that both archives map (untimed)"
measure "$java17" $common -Xshare:on -XX:SharedArchiveFile="$work/app17.jsa" $app >/dev/null
measure "$java25" $common -XX:AOTMode=on -XX:AOTCache="$work/app25.aot" $app >/dev/null

names=(floor-17 floor-25 java17 java17-xshare-off java17-appcds java17-appcds-c1 java25 java25-aot)
declare -A cmd=(
  [floor-17]="$java17 $common -cp $work/floor Floor"
  [floor-25]="$java25 $common -cp $work/floor Floor"
  [java17]="$java17 $common $app"
  [java17-xshare-off]="$java17 $common -Xshare:off $app"
  [java17-appcds]="$java17 $common -Xshare:auto -XX:SharedArchiveFile=$work/app17.jsa $app"
  [java17-appcds-c1]="$java17 $common -Xshare:auto -XX:SharedArchiveFile=$work/app17.jsa -XX:TieredStopAtLevel=1 $app"
  [java25]="$java25 $common $app"
  [java25-aot]="$java25 $common -XX:AOTCache=$work/app25.aot $app"
)
for i in $(seq 1 "$runs"); do
  log "run $i of $runs"
  for n in "${names[@]}"; do
    # A start during which other work took more than BREDVID_BENCH_MAX_OTHER_CPU seconds (default 0.5) of CPU is
    # repeated (up to 3 times; the last one is kept and its figure shows it).
    for try in 1 2 3; do
      # shellcheck disable=SC2086  # the command is a list of words on purpose
      r=$(measure ${cmd[$n]})
      awk -v o="${r##* }" -v m="${BREDVID_BENCH_MAX_OTHER_CPU:-0.5}" 'BEGIN{exit !(o <= m)}' && break
      log "$n: other work used ${r##* } s of CPU during the start; again"
    done
    echo "$n $r" >>"$work/results"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work/results" "$runs" "$load_before" "$load_after" "$(du -m "$work/app17.jsa" | cut -f1)" \
  "$(du -m "$work/app25.aot" | cut -f1)" "$(printf '%s\n' "${names[@]}")" "$common" \
  "$("$java17" -version 2>&1 | sed -n 2p)" "$("$java25" -version 2>&1 | sed -n 2p)" <<'PY'
import json, statistics, sys
path, runs, before, after, jsa, aot, names, common, v17, v25 = sys.argv[1:]
data = {}
for line in open(path):
    n, ms, rss, other = line.split()
    data.setdefault(n, ([], [], []))
    data[n][0].append(float(ms)); data[n][1].append(int(rss) / 1024); data[n][2].append(float(other))
def stats(xs):
    return {"min": round(min(xs)), "median": round(statistics.median(xs)), "max": round(max(xs))}
variants = {n: {"ms_to_healthy": stats(data[n][0]), "rss_mib": stats(data[n][1]),
                "max_other_cpu_s": max(data[n][2])} for n in names.split()}
base = variants["java17"]["ms_to_healthy"]["median"]
for n, v in variants.items():
    v["vs_java17"] = round(v["ms_to_healthy"]["median"] / base, 2)
print(json.dumps({"runs_per_variant": int(runs), "loadavg_before": before, "loadavg_after": after,
                  "jdk17": v17, "jdk25": v25, "common_flags": common,
                  "archives_mib": {"java17_appcds": int(jsa), "java25_aot_cache": int(aot)},
                  "variants": variants}, indent=1))
PY
