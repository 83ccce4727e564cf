#!/usr/bin/env bash
# bench-engines.sh - latency of AppAPI's container lifecycle through Harpoon's control API, per engine path.
#
#   DOCKER_HOST=unix:///path/docker.sock scripts/bench-engines.sh      (default N=10 cycles per path)
#
# One cycle = POST /exapps/app_api/docker/exapp/{create,start,wait_for_start,stop,remove} (remove_data=true) with
# curl, each call timed. Paths: (raw) the same calls straight to the engine's API with curl (create volume +
# container, start, inspect, stop, rm, rm volume), (local) gateway -> engine 24000 in-process from the socket,
# (tunnel) gateway -> FRP stream -> Java frpc (BenchTunnel, unix_domain_socket) -> the same socket as engine 24001.
# The image is built from local/busybox:1 (docker-engine.sh) with a TERM trap, so stop is not a 10 s timeout.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10}
die() { echo "bench-engines: $*" >&2; exit 1; }
[[ ${DOCKER_HOST:-} == unix://* ]] || die "DOCKER_HOST=unix://... needed (e.g. eval \"\$(.ci/docker-engine.sh start)\")"
SOCK=${DOCKER_HOST#unix://}
for cand in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [[ -n $cand && -x $cand/bin/java ]]; then export JAVA_HOME=$cand; break; fi
done
echo "bench-engines: building benchmarks.jar and the harpoon jar..." >&2
(cd "$ROOT" && MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests -pl benchmarks,cli -am package) >&2
BJAR=$ROOT/benchmarks/target/benchmarks.jar
WORK=$(mktemp -d /tmp/bench-engines.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  curl -s --unix-socket "$SOCK" -X DELETE "http://d/containers/nc_app_benchlife?force=1" >/dev/null || true
  curl -s --unix-socket "$SOCK" -X DELETE "http://d/volumes/nc_app_benchlife_data" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
IMAGE=harpoon-bench/service:1
mkdir -p "$WORK/img"
printf 'FROM local/busybox:1\nCMD ["/bin/sh", "-c", "trap '"'"'exit 0'"'"' TERM; while true; do sleep 1; done"]\n' >"$WORK/img/Dockerfile"
tar -C "$WORK/img" -c Dockerfile | curl -fsS --unix-socket "$SOCK" -X POST -H 'Content-Type: application/x-tar' \
  --data-binary @- "http://d/build?t=$IMAGE&networkmode=none" >/dev/null || die "image build failed"

KEY=bench-engines-key
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GW=$(port); FRP=$(port); CTL=$(port); ADM=$(port); GWS=$(port)
mkdir -p "$WORK/certs" "$WORK/data"
env -u NC_INSTANCE_URL HP_SHARED_KEY="$KEY" HP_CERTS_DIR="$WORK/certs" HARPOON_DATA_DIR="$WORK/data" \
  HP_EXAPPS_ADDRESS="127.0.0.1:$GW" HP_EXAPPS_HTTPS_ADDRESS="127.0.0.1:$GWS" HP_FRP_ADDRESS="127.0.0.1:$FRP" \
  HARPOON_CONTROL_ADDRESS="127.0.0.1:$CTL" HARPOON_ADMIN_ADDRESS="127.0.0.1:$ADM" HARPOON_LOG_LEVEL=warn \
  HARPOON_LOCAL_DOCKER="$DOCKER_HOST" HARPOON_DEVICE_PROBE=false "$ROOT/harpoon" gateway >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 300); do [[ -f $WORK/certs/frp/client.crt ]] && curl -fsS -o /dev/null \
  "http://127.0.0.1:$ADM/healthz" 2>/dev/null && break; sleep 0.1; done
HP_SHARED_KEY="$KEY" "$JAVA_HOME/bin/java" -cp "$BJAR" io.harpoon.benchmarks.gateway.BenchTunnel "$FRP" \
  "$WORK/certs/frp" bench-engine 24001 "$SOCK" >"$WORK/frpc.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 300); do grep -q READY "$WORK/frpc.log" && break; sleep 0.1; done
for i in $(seq 1 100); do curl -fsS "http://127.0.0.1:$ADM/engines" | grep -q '"port":24001,[^}]*"status":"UP"' && break; sleep 0.1; done

ms() { python3 -c "print(round(($2-$1)/1e6, 1))"; }
call() { # port action body -> prints ms, fails on an unexpected status
  local t0 t1 code; t0=$(date +%s%N)
  code=$(curl -s -o "$WORK/out" -w '%{http_code}' -X POST -H "harp-shared-key: $KEY" -H "docker-engine-port: $1" \
    -d "$3" "http://127.0.0.1:$GW/exapps/app_api/docker/exapp/$2")
  t1=$(date +%s%N)
  [[ $code == 2* ]] || die "$2 on $1: $code $(cat "$WORK/out")"
  ms "$t0" "$t1"
}
raw() { # method path [body] -> prints ms
  local t0 t1; t0=$(date +%s%N)
  curl -fsS -o /dev/null --unix-socket "$SOCK" -X "$1" ${3:+-H 'Content-Type: application/json' -d "$3"} "http://d$2"
  t1=$(date +%s%N); ms "$t0" "$t1"
}
CREATE='{"name":"benchlife","instance_id":"","image_id":"'$IMAGE'","network_mode":"none"}'
ID='{"name":"benchlife","instance_id":""}'
RM='{"name":"benchlife","instance_id":"","remove_data":true}'
declare -A T
for path in raw local tunnel; do
  for i in $(seq 1 "$N"); do
    if [[ $path == raw ]]; then
      a=$(raw POST /volumes/create '{"Name":"nc_app_benchlife_data"}')
      b=$(raw POST "/containers/create?name=nc_app_benchlife" '{"Image":"'$IMAGE'","Hostname":"benchlife","HostConfig":{"NetworkMode":"none","Mounts":[{"Type":"volume","Source":"nc_app_benchlife_data","Target":"/nc_app_benchlife_data"}]}}')
      c=$(raw POST /containers/nc_app_benchlife/start); d=$(raw GET /containers/nc_app_benchlife/json)
      e=$(raw POST "/containers/nc_app_benchlife/stop"); f=$(raw DELETE "/containers/nc_app_benchlife?force=1")
      g=$(raw DELETE /volumes/nc_app_benchlife_data)
      T[$path,create]+="$(python3 -c "print($a+$b)") "; T[$path,start]+="$c "; T[$path,wait]+="$d "
      T[$path,stop]+="$e "; T[$path,remove]+="$(python3 -c "print($f+$g)") "
    else
      p=24000; [[ $path == tunnel ]] && p=24001
      T[$path,create]+="$(call $p create "$CREATE") "; T[$path,start]+="$(call $p start "$ID") "
      T[$path,wait]+="$(call $p wait_for_start "$ID") "; T[$path,stop]+="$(call $p stop "$ID") "
      T[$path,remove]+="$(call $p remove "$RM") "
    fi
  done
done
med() { python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(f'{statistics.median(v):.1f}')" $1; }
echo
echo "$N cycles per path, median ms per call (raw = curl on the socket: create = volume + container, wait = one inspect, remove = container + volume)"
echo
echo "| call | raw engine API | gateway, local 24000 | gateway, tunnel 24001 |"
echo "|---|---:|---:|---:|"
for a in create start wait stop remove; do
  echo "| $a | $(med "${T[raw,$a]}") | $(med "${T[local,$a]}") | $(med "${T[tunnel,$a]}") |"
done
