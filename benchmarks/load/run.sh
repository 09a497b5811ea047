#!/usr/bin/env bash
# Load benchmark: the Quarkus demo app (prod-mode jar) against the test kit's fake Schematic, driven by wrk.
# See docs/performance.md, section "Load". Everything listens on 127.0.0.1 only; every wait is bounded.
#
#   ./mvnw -DskipTests package -pl integration-tests/quarkus,schematic-testkit -am   # once, from the repository root
#   benchmarks/load/run.sh                     # 3 shapes x 8 and 32 connections, about 2 min per run
#
# Environment: SHAPES ("steady refuse freeze"), CONNECTIONS ("8 32"), REPEATS (1: runs of each shape and connection
# count, alternating; the summary gives medians), PHASE_SECONDS (20: before / outage / after; BEFORE_SECONDS and
# AFTER_SECONDS override the first and the last), WARMUP_SECONDS (5),
# PRIME (1: after the warm-up, check every company once so each has a cached answer before the outage; 0 = off),
# THREADS (2, wrk threads), RESULTS (file to append the tables to), JAVA (java), LOCK_FILE (if set, each run holds
# `flock` on it while the app runs, so runs can interleave with other users of a shared machine), APP_OPTS (extra
# -D options for the app, e.g. "-Dschematic.events.max-queue=100000").
#
# Per run it prints one row per phase, one events row and a summary line (throughput and p99 of the outage against
# the same run's *before* phase, default answers served during the outage, events acknowledged / counted once /
# duplicates / dropped with the app's log lines that account for the drops); at the end, medians over the repeats.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/benchmarks/load"
SHAPES=${SHAPES:-"steady refuse freeze"}
CONNECTIONS=${CONNECTIONS:-"8 32"}
REPEATS=${REPEATS:-1}
PRIME=${PRIME:-1}
APP_OPTS=${APP_OPTS:-}
PHASE_SECONDS=${PHASE_SECONDS:-20}
BEFORE_SECONDS=${BEFORE_SECONDS:-$PHASE_SECONDS}
AFTER_SECONDS=${AFTER_SECONDS:-$PHASE_SECONDS}
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
  mkdir -p "$WORK/access-$1"
  "$JAVA" -Xmx512m \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
    -Dschematic.api-key=sch_dev_load_benchmark \
    -Dschematic.base-url="http://127.0.0.1:$PROXY_PORT" \
    -Dschematic.event-capture-url="http://127.0.0.1:$PROXY_PORT" \
    -Dschematic.cache.max-size=20000 \
    '-Dquarkus.log.category."demo".level=WARN' \
    $APP_OPTS \
    -Dquarkus.http.record-request-start-time=true -Dquarkus.http.access-log.enabled=true \
    -Dquarkus.http.access-log.log-to-file=true -Dquarkus.http.access-log.log-directory="$WORK/access-$1" \
    '-Dquarkus.http.access-log.pattern=%{time,HH:mm:ss.SSS}~%D~%s' \
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

drive() { # drive SECONDS LABEL [ARGS...]: one wrk run, prints its RESULT line
  local seconds=$1
  shift
  timeout $((seconds + 60)) wrk -t "${WRK_THREADS:-$THREADS}" -c "$CONNS" -d "${seconds}s" --timeout 30s -s "$HERE/load.lua" \
    "http://127.0.0.1:$APP_PORT" -- "$@" | grep '^RESULT' || echo "RESULT requests=0 (wrk failed)"
}

prime() { # every company c0..c9999 checked once (GETs only, in turn), in passes of 10 s, at most 2 min
  # a pass in which some check got the default (a cold app on a busy machine can time out and open the breaker)
  # cached nothing for those companies: the round starts again
  local done=0 result
  for ((pass = 0; pass < 12 && done < 10000; pass++)); do
    # one wrk thread, so the companies are checked strictly in turn (two threads can run at different speeds)
    result=$(WRK_THREADS=1 drive 10 "$1-prime" prime 1 "$done")
    if (($(field defaulted "$result") > 0)); then
      done=0
    else
      done=$((done + $(field requests "$result")))
    fi
  done
  ((done >= 10000)) || echo "    (priming checked only $done of 10,000 companies without a default answer)"
}

server_p99() { # server_p99 LOG FROM TO: p99 in ms of the requests the app completed in [FROM, TO) (HH:MM:SS.mmm)
  [[ -f "$1" ]] || { echo "n/a"; return; }
  awk -F'~' -v a="$2" -v b="$3" '$1 >= a && $1 < b { print $2 }' "$1" | sort -n \
    | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; if (NR) print v[i]; else print "n/a" }' || echo "n/a"
}

ACKED=0
phase() { # phase SHAPE NAME SECONDS: one wrk run; its RESULT line is kept in $WORK/<name>.result
  local result
  result=$(drive "$3" "$1-$CONNS-$2")
  echo "$result" >"$WORK/$2.result"
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

drop_lines() { # the app log's lines that report lost events (overflow episodes, rejected batches, close)
  grep -E 'event queue is full|event queue overflow #|rejected a batch|undelivered|buffer is closed; dropped' "$1" || true
}

dropped_logged() { # the number of lost events the app's log accounts for
  drop_lines "$1" | tr -d ',' | sed -n -E \
    -e 's/.*overflow #[0-9]+ over: ([0-9]+) event.*/\1/p' \
    -e 's/.*rejected a batch; ([0-9]+) event.*/\1/p' \
    -e 's/.*closed with ([0-9]+) event.*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}

run_one() { # run_one SHAPE
  local shape=$1
  if [[ -n "${LOCK_FILE:-}" ]]; then
    exec 9>"$LOCK_FILE"
    timeout 1800 flock 9 || { echo "could not lock $LOCK_FILE within 30 min" >&2; exit 1; }
  fi
  LOAD=$(cut -d' ' -f1 /proc/loadavg)
  echo "    ($shape, $CONNS connections: start $(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start_harness
  start_app "$shape-$CONNS"
  ACKED=0
  local warm
  warm=$(drive "$WARMUP_SECONDS" "$shape-$CONNS-warmup")
  ACKED=$((ACKED + $(field acked "$warm")))
  ((PRIME)) && prime "$shape-$CONNS"
  local t0 t1 t2
  t0=$(date -u +%H:%M:%S.%3N)
  phase "$shape" before "$BEFORE_SECONDS"
  case "$shape" in
    refuse) ctl refuse >/dev/null ;;
    freeze) ctl freeze >/dev/null ;;
  esac
  t1=$(date -u +%H:%M:%S.%3N)
  phase "$shape" outage "$PHASE_SECONDS"
  ctl normal >/dev/null
  t2=$(date -u +%H:%M:%S.%3N)
  phase "$shape" after "$AFTER_SECONDS"
  if ! kill -0 "$HARNESS_PID" 2>/dev/null; then
    echo "    INVALID RUN: the harness (fake Schematic and proxy) died; see $WORK/harness.log" | tee -a "$WORK/table.md"
  fi
  # every acknowledged event should arrive: wait (at most 60 s) until the fake has them all, or (events were
  # dropped) until its count has not moved for 5 s
  local stats distinct=0 last=-1 still=0
  for ((i = 0; i < 120; i++)); do
    stats=$(ctl stats)
    distinct=$(field distinct "$stats")
    ((distinct >= ACKED)) && break
    if ((distinct == last)); then
      ((++still >= 10)) && break
    else
      still=0
      last=$distinct
    fi
    sleep 0.5
  done
  local received resent
  received=$(field received "$stats")
  resent=$(field resent "$stats")
  stop_app # after close() the log has every overflow episode's summary
  stop_harness
  local log="$WORK/app-$shape-$CONNS.log" dropped lines
  dropped=$(dropped_logged "$log")
  lines=$(drop_lines "$log" | wc -l)
  printf '| %s | %s | events | acknowledged %d | counted %d | distinct %d | duplicates %d (re-sent, dropped by key: %d) | missing %d | dropped (logged) %d in %d line(s) |\n' \
    "$shape" "$CONNS" "$ACKED" "$received" "$distinct" $((received - distinct)) "$resent" $((ACKED - distinct)) \
    "$dropped" "$lines" | tee -a "$WORK/table.md"
  grep -E 'WARN|ERROR' "$log" | sed -E 's/^[0-9-]+ [0-9:,]+ //; s/[0-9][0-9,]*/N/g' | sort | uniq -c | sort -rn \
    | head -8 | sed 's/^/    app: /' || true
  local b o ratio
  b="$WORK/before.result"
  o="$WORK/outage.result"
  ratio=$(awk -v o="$(field rps "$(cat "$o")")" -v b="$(field rps "$(cat "$b")")" 'BEGIN { printf "%.2f", (b > 0 ? o / b : 0) }')
  # p99 as the app measured it (access log), without wrk's correction for coordinated omission
  local access="$WORK/access-$shape-$CONNS/quarkus.log" sb so
  sb=$(server_p99 "$access" "$t0" "$t1")
  so=$(server_p99 "$access" "$t1" "$t2")
  # one tab-separated line per run, for the medians
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "$CONNS" "$LOAD" \
    "$(field rps "$(cat "$b")")" "$(field p99_ms "$(cat "$b")")" "$sb" "$(field rps "$(cat "$o")")" \
    "$(field p99_ms "$(cat "$o")")" "$so" "$ratio" "$(field defaulted "$(cat "$o")")" \
    "$(field stale_denied "$(cat "$o")")" "$ACKED" "$received" $((received - distinct)) "$resent" \
    $((ACKED - distinct)) "$dropped" "$lines" "$(field other "$(cat "$o")")+$(field timeouts "$(cat "$o")")" \
    >>"$WORK/runs.tsv"
  echo "    summary: outage/before req/s $ratio, outage p99 $(field p99_ms "$(cat "$o")") ms (wrk), $so ms (app)," \
    "defaults served in the outage $(field defaulted "$(cat "$o")"), duplicates counted $((received - distinct))," \
    "missing $((ACKED - distinct)), dropped and logged $dropped"
  if [[ -n "${LOCK_FILE:-}" ]]; then
    flock -u 9
  fi
}

echo "Load benchmark: shapes [$SHAPES], connections [$CONNECTIONS], x$REPEATS, phases of ${BEFORE_SECONDS}s / ${PHASE_SECONDS}s / ${AFTER_SECONDS}s, work dir $WORK"
{
  echo "| shape | conns | phase | req/s | p50 ms | p99 ms | max ms | GETs allowed | errors+timeouts |"
  echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$WORK/table.md"
: >"$WORK/runs.tsv"
for ((rep = 1; rep <= REPEATS; rep++)); do
  for CONNS in $CONNECTIONS; do
    for shape in $SHAPES; do
      run_one "$shape"
    done
  done
done

# medians over the repeats, per shape and connection count
{
  echo
  echo "Medians of $REPEATS run(s) per row (outage against the same run's *before* phase):"
  echo
  echo "| shape | conns | runs | load avg | before req/s | before p99 ms (wrk) | before p99 ms (app) | outage req/s | outage p99 ms (wrk) | outage p99 ms (app) | outage/before | defaults in outage | stale 403s in outage | events acknowledged | counted once | duplicates counted | re-sent, dropped by key | missing | dropped, logged | drop log lines | errors+timeouts in outage |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for CONNS in $CONNECTIONS; do
    for shape in $SHAPES; do
      awk -F'\t' -v s="$shape" -v c="$CONNS" '
        function median(col,   n, i, j, t, v) {
          n = 0
          for (i = 1; i <= rows; i++) v[++n] = val[i, col] + 0
          for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
          return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        $1 == s && $2 == c { rows++; for (k = 1; k <= NF; k++) val[rows, k] = $k }
        END {
          if (!rows) exit
          printf "| %s | %s | %d |", s, c, rows
          for (k = 3; k <= 19; k++) printf " %s |", median(k)
          e = val[1, 20]
          for (i = 2; i <= rows; i++) e = e " / " val[i, 20]
          printf " %s |", e
          printf "\n"
        }' "$WORK/runs.tsv"
    done
  done
} | tee -a "$WORK/table.md"
if [[ -n "${RESULTS:-}" ]]; then
  cat "$WORK/table.md" >>"$RESULTS"
fi
echo "Logs and the table: $WORK"
