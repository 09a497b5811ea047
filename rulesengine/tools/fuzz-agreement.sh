#!/bin/sh
# Long host/WASM agreement run of the fuzzer, resumable.
#
#   rulesengine/tools/fuzz-agreement.sh [seed] [cases] [shard] [state dir]
#   (defaults: 20261203 1000000 20000 rulesengine/target/fuzz-agreement)
#
# Builds the fuzzer (rulesengine/tests/fuzz.rs, release) and schematic-cdi's test classes, then runs
# RulesFuzzLongRun (schematic-cdi test sources) under nice -n 19: shard by shard the host build generates the
# cases with its answers into a dump file (the next shard while the current one is replayed), and one instance of
# the bundled module (Chicory, build-time compiled) must give byte for byte the same answer, never trap, answer each
# case within 5 s and stay within 64 MiB. Every agreeing shard leaves a .done file in the state dir; run the same
# command again to continue a run that was cut off. Exit code 0 only when every shard agreed.
set -eu
seed=${1:-20261203}
cases=${2:-1000000}
shard=${3:-20000}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${4:-$root/rulesengine/target/fuzz-agreement}
mkdir -p "$dir"

cd "$root/rulesengine"
bin=$(env PATH=/usr/bin:/bin nice -n 19 cargo test --offline --locked --release --test fuzz --no-run \
    --message-format=json 2>/dev/null | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$bin" ] || { echo "cannot build the fuzzer (see rulesengine/README.md for the toolchain)" >&2; exit 2; }

cd "$root"
cp="$root/schematic-cdi/target/test-classpath.txt"
nice -n 19 ./mvnw -B -ntp -q -pl schematic-testkit,schematic-cdi test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp" -Dmdep.includeScope=test -Dapi-generator.check.skip
# a copy of the classes, so that rebuilding the worktree during a long run cannot change the running code
rm -rf "$dir/classes" && mkdir -p "$dir/classes"
cp -r schematic-cdi/target/test-classes "$dir/classes/test" && cp -r schematic-cdi/target/classes "$dir/classes/main"
cp "$bin" "$dir/classes/fuzz" && bin="$dir/classes/fuzz"
echo "[rules fuzz] $(date -u +%FT%TZ) seed $seed, $cases cases in shards of $shard, state in $dir"
start=$(date +%s)
rc=0
# the driver's class name from its location (the package moves to dev.schematic.internal.rules, issue 14)
main=$(cd "$dir/classes/test" && find dev -name RulesFuzzLongRun.class | sed 's/\.class$//; s,/,.,g')
nice -n 19 java -cp "$dir/classes/test:$dir/classes/main:$(cat "$cp")" \
    "$main" "$bin" "$seed" 0 "$cases" "$shard" "$dir" || rc=$?
echo "[rules fuzz] $(date -u +%FT%TZ) finished with exit code $rc after $(( $(date +%s) - start )) s (this invocation)"
exit $rc
