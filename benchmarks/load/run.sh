#!/usr/bin/env bash
# Load benchmark: the Quarkus demo app (prod-mode jar) against the test kit's fake Schematic, driven by wrk.
# See docs/performance.md, section "Load". Everything listens on 127.0.0.1 only; every wait is bounded.
#
#   ./mvnw -DskipTests package -pl integration-tests/quarkus,schematic-testkit -am   # once, from the repository root
#   benchmarks/load/run.sh                     # 3 shapes x 8 and 32 connections, about 100 s per run
#
# Environment: SHAPES ("steady refuse freeze"), CONNECTIONS ("8 32"), PHASE_SECONDS (20: before / outage / after),
# WARMUP_SECONDS (5), THREADS (2, wrk threads), RESULTS (file to append the markdown table to), JAVA (java),
# LOCK_FILE (if set, each run holds `flock` on it while the app runs, so runs can interleave with other users of a
# shared machine).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/benchmarks/load"
SHAPES=${SHAPES:-"steady refuse freeze"}
CONNECTIONS=${CONNECTIONS:-"8 32"}
PHASE_SECONDS=${PHASE_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
THREADS=${THREADS:-2}
JAVA=${JAVA:-java}
APP_JAR="$ROOT/integration-tests/quarkus/target/quarkus-app/quarkus-run.jar"
TESTKIT_JAR=$(ls "$ROOT"/schematic-testkit/target/schematic-testkit-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed. On Debian/Ubuntu: sudo apt-get install wrk" >&2
  exit 2
fi
for tool in curl timeout "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }
done
if [[ ! -f "$APP_JAR" || -z "$TESTKIT_JAR" ]]; then
  echo "Build first, from $ROOT: ./mvnw -DskipTests package -pl integration-tests/quarkus,schematic-testkit -am" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/schematic-load.XXXXXX")
HARNESS_PID=""
APP_PID=""
cleanup() {
  stop_app
  stop_harness
}
trap cleanup EXIT

# The test kit's runtime classpath (jakarta.json, parsson, tyrus...), resolved from the local Maven repository.
(cd "$ROOT" && timeout 300 ./mvnw -B -ntp -q -o -pl schematic-testkit dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null 2>&1) \
  || (cd "$ROOT" && timeout 300 ./mvnw -B -ntp -q -pl schematic-testkit dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
CP="$TESTKIT_JAR:$(cat "$WORK/cp.txt")"

# 10,000 companies c0..c9999; pdf-export is on for c0..c999 (the paying 10%), off for the rest.
{
  printf '{"flags":{"pdf-export":{"default":false,"companies":['
  for ((i = 0; i < 1000; i++)); do
    ((i > 0)) && printf ','
    printf '{"keys":{"id":"c%d"},"value":true}' "$i"
  done
  printf ']}}}\n'
} >"$WORK/seed.json"

ctl() { # one command to the harness's control port, answer on stdout
  timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$CONTROL_PORT; echo '$1' >&3; head -1 <&3"
}

field() { # field NAME "k=v k=v": the value of NAME
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

start_harness() {
  "$JAVA" -Xmx512m -cp "$CP" "$HERE/LoadHarness.java" "$WORK/seed.json" >"$WORK/harness.log" 2>&1 &
  HARNESS_PID=$!
  local ready=""
  for ((i = 0; i < 300; i++)); do # up to 60 s (source compilation on a busy machine)
    ready=$(grep -m1 '^READY' "$WORK/harness.log" || true)
    [[ -n "$ready" ]] && break
    kill -0 "$HARNESS_PID" 2>/dev/null || break
    sleep 0.2
  done
  [[ -n "$ready" ]] || { echo "the harness did not start:" >&2; cat "$WORK/harness.log" >&2; exit 1; }
  PROXY_PORT=$(field proxy "$ready")
  CONTROL_PORT=$(field control "$ready")
  APP_PORT=$(field app "$ready")
}

stop_harness() {
  if [[ -n "$HARNESS_PID" ]]; then
    ctl quit >/dev/null 2>&1 || true
    for ((i = 0; i < 50; i++)); do kill -0 "$HARNESS_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
    HARNESS_PID=""
  fi
}

start_app() {
  "$JAVA" -Xmx512m \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
    -Dschematic.api-key=sch_dev_load_benchmark \
    -Dschematic.base-url="http://127.0.0.1:$PROXY_PORT" \
    -Dschematic.event-capture-url="http://127.0.0.1:$PROXY_PORT" \
    -Dschematic.cache.max-size=10000 \
    '-Dquarkus.log.category."demo".level=WARN' \
    -jar "$APP_JAR" >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  for ((i = 0; i < 300; i++)); do # up to 60 s
    curl -s -o /dev/null -m 2 "http://127.0.0.1:$APP_PORT/q/health/live" && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "the app did not start:" >&2
  cat "$WORK/app-$1.log" >&2
  exit 1
}

stop_app() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    for ((i = 0; i < 400; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done # 40 s
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}

drive() { # drive SECONDS LABEL: one wrk run, prints its RESULT line
  timeout $(($1 + 60)) wrk -t "$THREADS" -c "$CONNS" -d "${1}s" --timeout 30s -s "$HERE/load.lua" \
    "http://127.0.0.1:$APP_PORT" -- "$2" | grep '^RESULT' || echo "RESULT requests=0 (wrk failed)"
}

ACKED=0
phase() { # phase SHAPE NAME SECONDS
  local result
  result=$(drive "$3" "$1-$CONNS-$2")
  ACKED=$((ACKED + $(field acked "$result")))
  local allowed denied
  allowed=$(field allowed "$result")
  denied=$(field denied "$result")
  local share="n/a"
  ((allowed + denied > 0)) && share=$(awk -v a="$allowed" -v d="$denied" 'BEGIN { printf "%.1f%%", 100 * a / (a + d) }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$CONNS" "$2" "$(field rps "$result")" \
    "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$(field max_ms "$result")" "$share" \
    "$(field other "$result")+$(field timeouts "$result")" | tee -a "$WORK/table.md"
}

run_one() { # run_one SHAPE
  local shape=$1
  if [[ -n "${LOCK_FILE:-}" ]]; then
    exec 9>"$LOCK_FILE"
    timeout 1800 flock 9 || { echo "could not lock $LOCK_FILE within 30 min" >&2; exit 1; }
  fi
  echo "    ($shape, $CONNS connections: start $(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start_harness
  start_app "$shape-$CONNS"
  ACKED=0
  drive "$WARMUP_SECONDS" "$shape-$CONNS-warmup" >/dev/null
  phase "$shape" before "$PHASE_SECONDS"
  case "$shape" in
    refuse) ctl refuse >/dev/null ;;
    freeze) ctl freeze >/dev/null ;;
  esac
  phase "$shape" outage "$PHASE_SECONDS"
  ctl normal >/dev/null
  phase "$shape" after "$PHASE_SECONDS"
  # every acknowledged event should arrive: wait (at most 60 s) until the fake has them all
  local stats distinct=0
  for ((i = 0; i < 120; i++)); do
    stats=$(ctl stats)
    distinct=$(field distinct "$stats")
    ((distinct >= ACKED)) && break
    sleep 0.5
  done
  local received
  received=$(field received "$stats")
  printf '| %s | %s | events | acknowledged %d | received %d | distinct %d | duplicates %d | missing %d | |\n' \
    "$shape" "$CONNS" "$ACKED" "$received" "$distinct" $((received - distinct)) $((ACKED - distinct)) \
    | tee -a "$WORK/table.md"
  grep -E 'WARN|ERROR' "$WORK/app-$shape-$CONNS.log" | sed 's/^/    app: /' | sort | uniq -c | sort -rn | head -5 || true
  stop_app
  stop_harness
  if [[ -n "${LOCK_FILE:-}" ]]; then
    flock -u 9
  fi
}

echo "Load benchmark: shapes [$SHAPES], connections [$CONNECTIONS], phases of ${PHASE_SECONDS}s, work dir $WORK"
{
  echo "| shape | conns | phase | req/s | p50 ms | p99 ms | max ms | GETs allowed | errors+timeouts |"
  echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$WORK/table.md"
for CONNS in $CONNECTIONS; do
  for shape in $SHAPES; do
    run_one "$shape"
  done
done
if [[ -n "${RESULTS:-}" ]]; then
  cat "$WORK/table.md" >>"$RESULTS"
fi
echo "Logs and the table: $WORK"
