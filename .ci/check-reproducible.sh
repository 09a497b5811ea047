#!/usr/bin/env bash
# Reproducible builds: the published jars built twice from the same sources must be byte-identical
# (project.build.outputTimestamp in the root POM fixes entry times; the plugins sort entries).
# Usage: .ci/check-reproducible.sh   (two clean builds of the published modules, tests skipped)
set -euo pipefail
cd "$(dirname "$0")/.."

PUBLISHED=schematic-bom,schematic-testkit,schematic-cdi,schematic-openfeature,schematic-quarkus-extension/runtime,schematic-quarkus-extension/deployment
JARS=(
  schematic-testkit/target/schematic-testkit-*.jar
  schematic-cdi/target/schematic-cdi-*.jar
  schematic-openfeature/target/schematic-openfeature-*.jar
  schematic-quarkus-extension/runtime/target/schematic-quarkus-*.jar
  schematic-quarkus-extension/deployment/target/schematic-quarkus-deployment-*.jar
)
build() {
  ./mvnw -B -ntp -q -pl "$PUBLISHED" -am clean package -DskipTests -Dspotless.check.skip=true -Denforcer.skip=true
}
snapshot() {  # $1: directory to copy the main jars into
  mkdir -p "$1"
  local n=0
  for pattern in "${JARS[@]}"; do
    for jar in $pattern; do
      case "$jar" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
      [ -f "$jar" ] || continue
      cp "$jar" "$1/"
      n=$((n + 1))
    done
  done
  [ "$n" -eq 5 ] || { echo "expected 5 published jars, found $n"; exit 1; }
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build
snapshot "$work/first"
sleep 2  # a clock-based timestamp would now differ
build
snapshot "$work/second"

status=0
for f in "$work"/first/*.jar; do
  name=$(basename "$f")
  if cmp -s "$f" "$work/second/$name"; then
    echo "reproducible: $name ($(sha256sum "$f" | cut -c1-16))"
  else
    echo "NOT REPRODUCIBLE: $name differs between two builds"
    status=1
  fi
done
exit $status
