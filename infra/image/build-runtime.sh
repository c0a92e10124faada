#!/usr/bin/env bash
# The image's runtime layer, made on this machine without pulling any base image (no registry is needed):
# a jlink-made Java 17 runtime (Debian's openjdk-17 jmods) under /opt/java, the few shared libraries it
# loads (glibc, zlib, libstdc++, ... copied from this Debian machine, found with ldd) under /lib, a passwd
# and group naming the non-root user 10001, an empty /tmp (an emptyDir or tmpfs is mounted there), and the
# compiled health-check program under /opt/bredvid. Jib (mvn -Pimage) lays the jar's layers on top of
# this directory on a `scratch` base. Usage: build-runtime.sh OUT_DIR. Skips the work when OUT_DIR was made
# from the same inputs (jmods, this script, HealthCheck.java).
set -euo pipefail
out=${1:?usage: build-runtime.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
log() { printf 'build-runtime: %s\n' "$*" >&2; }

jdk=${BREDVID_IMAGE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ ! -d "$jdk/jmods" ]; then
  log "installing openjdk-17-jmods (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq openjdk-17-jmods >/dev/null
fi
# From `jdeps --print-module-deps --ignore-missing-deps --multi-release 17` over the jar, plus the crypto
# providers, DNS, locale data (sv) and management pieces that are loaded by name at run time.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

stamp=$( { cat "$jdk/release"; ls -l --time-style=+ "$jdk/jmods"; cat "$0" "$here/HealthCheck.java"; echo "$modules"; } | sha256sum | cut -c1-16)
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  log "runtime up to date ($out)"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/lib/x86_64-linux-gnu" "$out/lib64" "$out/etc" "$out/tmp" "$out/opt/bredvid/healthcheck"

log "jlink ($modules)"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --include-locales=en,sv \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"
# Desktop pieces that would need X11 or ALSA: never used by a headless server.
rm -f "$out"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

# Every shared library the runtime's binaries and libraries need, from this machine (glibc, zlib, ...).
mapfile -t libs < <(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '/=> \// {print $3} /^[ \t]*\/lib64\// {print $1}' | sort -u)
for lib in "${libs[@]}"; do
  case "$lib" in
    "$out"/*) ;;                                    # the runtime's own libraries (libjli, libjvm)
    */ld-linux-x86-64.so.2) cp -L "$lib" "$out/lib64/ld-linux-x86-64.so.2"; cp -L "$lib" "$out/lib/x86_64-linux-gnu/" ;;
    *) cp -L "$lib" "$out/lib/x86_64-linux-gnu/$(basename "$lib")" ;;
  esac
done

printf 'root:x:0:0:root:/nonexistent:/nonexistent\nbredvid:x:10001:10001:bredvid:/tmp:/nonexistent\n' >"$out/etc/passwd"
printf 'root:x:0:\nbredvid:x:10001:\n' >"$out/etc/group"
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"

"$jdk/bin/javac" --release 17 -d "$out/opt/bredvid/healthcheck" "$here/HealthCheck.java"

# The same bytes on every build: fixed times (Jib also sets its own), no stray build-dependent files.
find "$out" -exec touch -h -d @1 {} +
echo "$stamp" >"$out/.stamp"
log "runtime ready: $(du -sh "$out" | cut -f1) in $out"
