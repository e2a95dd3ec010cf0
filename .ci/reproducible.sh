#!/usr/bin/env bash
# The plugin's own build is reproducible: two clean builds give the same jar, byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in 1 2; do
  mvn -B -ntp -q clean package -DskipTests -Dinvoker.skip=true
  cp target/tomcat-cluster-maven-plugin-*.jar "$out/build-$i.jar"
  sleep 2  # let the clock move on, so a timestamp leaking into the jar would show
done
if cmp -s "$out/build-1.jar" "$out/build-2.jar"; then
  echo "reproducible: ok, two builds gave $(sha256sum < "$out/build-1.jar" | cut -c1-16)…"
else
  echo "reproducible: FAILED, the two builds differ:"; cmp "$out/build-1.jar" "$out/build-2.jar" || true
  exit 1
fi
