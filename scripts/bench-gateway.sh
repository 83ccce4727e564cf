#!/usr/bin/env bash
# bench-gateway.sh - gateway throughput (wrk, 1 KiB GETs) and heap with many idle WebSockets, on 127.0.0.1 only.
#
#   scripts/bench-gateway.sh            build what is needed, run everything, print the tables (~2 min + build)
#
# Processes (each a separate JVM, stopped on exit):
#   upstream  io.harpoon.benchmarks.gateway.BenchUpstream: 1 KiB per GET, WebSocket echo on /ws
#   gateway   ./harpoon gateway, standalone (HP_EXAPPS_FILE) with the built-in FRP server
#   frpc      io.harpoon.benchmarks.gateway.BenchTunnel: HaRP's ExApp frpc (Java TunnelClient), proxy name = app id
# Configurations: (a) wrk -> upstream, (b) wrk -> gateway -> upstream (exapp_direct: port outside 23000-24099),
# (c) wrk -> gateway -> in-process FRP server -> frpc -> upstream (app port in 23000-23999).
#
# Knobs (environment): DURATION (15s), WARMUP (5s), CONNS (64), THREADS (2), WS_DIRECT (9000), WS_TUNNEL (4000),
# SKIP_WS=1 (throughput only). The whole run is capped at BENCH_TIMEOUT seconds (900).
# Direct mode holds two descriptors per WebSocket in the gateway (client + upstream), so under `ulimit -n` 20000
# WS_DIRECT must stay below ~9,900. Through the tunnel every WebSocket is one yamux stream of the frpc's session,
# and YamuxConfig.DEFAULT_MAX_STREAMS (4096, control stream included) caps WS_TUNNEL at 4095.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
WS_DIRECT=${WS_DIRECT:-9000}
WS_TUNNEL=${WS_TUNNEL:-4000}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}

if [[ -z ${BENCH_GATEWAY_INNER:-} ]]; then # bound the whole run; the trap below still cleans up
  BENCH_GATEWAY_INNER=1 exec timeout --foreground -k 10 "$BENCH_TIMEOUT" "$0" "$@"
fi

die() { echo "bench-gateway: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
for cand in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [[ -n $cand && -x $cand/bin/java ]]; then export JAVA_HOME=$cand; break; fi
done
[[ -n ${JAVA_HOME:-} ]] || die "no JDK (set JAVA_HOME)"

echo "bench-gateway: building benchmarks.jar and the harpoon jar..." >&2
(cd "$ROOT" && MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests -pl benchmarks,cli -am package) >&2
BJAR=$ROOT/benchmarks/target/benchmarks.jar

WORK=$(mktemp -d /tmp/bench-gateway.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the EXIT trap also runs when timeout(1) stops the run
# benchmarks.jar has no logback.xml (JMH prints its own output); without one logback logs DEBUG to stdout
cat >"$WORK/logback.xml" <<'XML'
<configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder></appender>
<root level="WARN"><appender-ref ref="E"/></root></configuration>
XML
JAVA=("$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow "-Dlogback.configurationFile=$WORK/logback.xml")

# a port in [$1, $1 + $2) with no listener on 127.0.0.1 now; callers stay below the ephemeral range (32768+)
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$(( $1 + RANDOM % $2 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port in $1+$2"
}

wait_for_line() { # file, text, seconds
  local i
  for i in $(seq 1 $(( $3 * 10 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$1" >&2; die "timed out waiting for '$2' in $1"
}

UP_PORT=$(free_port 25000 2000)
GW_PORT=$(free_port 27000 1000)
GWS_PORT=$(free_port 28000 1000)
FRP_PORT=$(free_port 29000 1000)
CTL_PORT=$(free_port 30000 1000)
ADM_PORT=$(free_port 31000 1000)
TUN_PORT=$(free_port 23000 1000)
KEY="bench-$RANDOM$RANDOM$RANDOM"

"${JAVA[@]}" -cp "$BJAR" io.harpoon.benchmarks.gateway.BenchUpstream "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_for_line "$WORK/upstream.log" "^PORT" 30

ROUTES='[{"url":".*","access_level":0,"bruteforce_protection":[]}]'
cat >"$WORK/exapps.json" <<JSON
{"benchdirect": {"exapp_token": "direct-token", "exapp_version": "1.0.0", "host": "127.0.0.1", "port": $UP_PORT,
                 "routes": $ROUTES},
 "benchtun":    {"exapp_token": "tunnel-token", "exapp_version": "1.0.0", "host": "127.0.0.1", "port": $TUN_PORT,
                 "routes": $ROUTES}}
JSON
mkdir -p "$WORK/certs" "$WORK/data"
env -u NC_INSTANCE_URL HP_SHARED_KEY="$KEY" HP_EXAPPS_FILE="$WORK/exapps.json" HP_CERTS_DIR="$WORK/certs" \
  HARPOON_DATA_DIR="$WORK/data" HP_EXAPPS_ADDRESS="127.0.0.1:$GW_PORT" HP_EXAPPS_HTTPS_ADDRESS="127.0.0.1:$GWS_PORT" \
  HP_FRP_ADDRESS="127.0.0.1:$FRP_PORT" HARPOON_CONTROL_ADDRESS="127.0.0.1:$CTL_PORT" \
  HARPOON_ADMIN_ADDRESS="127.0.0.1:$ADM_PORT" HARPOON_LOG_LEVEL=warn \
  "$ROOT/harpoon" gateway >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
for i in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$GW_PORT/exapps/benchdirect/ping" 2>/dev/null && break
  kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gateway.log" >&2; die "gateway exited"; }
  sleep 0.1
done
[[ -f $WORK/certs/frp/client.crt ]] || die "gateway did not generate FRP certificates in $WORK/certs/frp"

HP_SHARED_KEY="$KEY" "${JAVA[@]}" -cp "$BJAR" io.harpoon.benchmarks.gateway.BenchTunnel "$FRP_PORT" \
  "$WORK/certs/frp" benchtun "$TUN_PORT" "$UP_PORT" >"$WORK/frpc.log" 2>&1 &
PIDS+=($!)
wait_for_line "$WORK/frpc.log" "^READY" 60
for i in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$GW_PORT/exapps/benchtun/ping" 2>/dev/null && break
  sleep 0.1
done

declare -A URLS=(
  [a]="http://127.0.0.1:$UP_PORT/data"
  [b]="http://127.0.0.1:$GW_PORT/exapps/benchdirect/data"
  [c]="http://127.0.0.1:$GW_PORT/exapps/benchtun/data"
)
declare -A NAMES=([a]="direct to upstream" [b]="gateway, exapp_direct" [c]="gateway + FRP tunnel")
for k in a b c; do
  body=$(curl -fsS "${URLS[$k]}" | wc -c) || { tail -20 "$WORK"/*.log >&2; die "${URLS[$k]}: no 200"; }
  [[ $body -eq 1024 ]] || die "${URLS[$k]}: $body bytes (expected: 1024)"
done

ROWS=()
for k in a b c; do
  echo "bench-gateway: ($k) ${NAMES[$k]}: warm-up $WARMUP, then wrk -t$THREADS -c$CONNS -d$DURATION --latency" >&2
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "${URLS[$k]}" >/dev/null
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${URLS[$k]}" >"$WORK/wrk-$k.txt"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$k.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$k.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$k.txt")
  bad=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' \
        "$WORK/wrk-$k.txt")
  ROWS+=("$(printf '| (%s) %-22s | %10s | %8s | %8s | %6s |' "$k" "${NAMES[$k]}" "$rps" "$p50" "$p99" "$bad")")
done

echo
echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency, 1 KiB GET responses, $(nproc) cores"
echo
echo "| Configuration              |  Requests/s |      p50 |      p99 | errors |"
echo "|----------------------------|------------:|---------:|---------:|-------:|"
printf '%s\n' "${ROWS[@]}"

if [[ -z ${SKIP_WS:-} ]]; then
  echo
  echo "Idle WebSockets through the gateway (gateway heap used after full GC, jcmd GC.heap_info; ulimit -n $(ulimit -n)):"
  echo
  echo "bench-gateway: $WS_DIRECT WebSockets, exapp_direct" >&2
  "${JAVA[@]}" -cp "$BJAR" io.harpoon.benchmarks.gateway.WebSocketHeap "$GW_PORT" /exapps/benchdirect/ws \
    "$WS_DIRECT" "$GW_PID" | sed 's/^RESULT/direct:/'
  sleep 2 # let the gateway see the closes before the next baseline
  echo "bench-gateway: $WS_TUNNEL WebSockets, FRP tunnel" >&2
  "${JAVA[@]}" -cp "$BJAR" io.harpoon.benchmarks.gateway.WebSocketHeap "$GW_PORT" /exapps/benchtun/ws \
    "$WS_TUNNEL" "$GW_PID" | sed 's/^RESULT/tunnel:/'
fi
