#!/usr/bin/env bash
# gpu-check.sh: the GPU checks of gpu-exapp in one short run (budget: under 5 minutes on a lent GPU machine).
#
#   1. builds gpu-exapp (or uses the bundle made by --prepare),
#   2. runs the CUDA backend's tests (CudaBackendTest, with -Dharpoon.gpu.required=true: no CUDA = failure),
#   3. runs the vector-search benchmark per backend (queries/s, p50, p99 for batch 1 and 64) and prints the table.
#
# The GPU machine has no network, so Maven cannot download there. On the build machine run
#     scripts/gpu-check.sh --prepare
# which writes gpu-exapp/target/gpu-check/ (module jar, test classes, every dependency jar, JUnit console launcher;
# about 30 MiB), then carry that folder to the device and run the script there without --prepare:
#     run(command="scripts/gpu-check.sh", carry=["gpu-exapp/target/gpu-check"], timeout_s=420)
#
# Options: --prepare | --vectors N (default 1000000) | --dim D (384) | --seconds S per measurement (5)
#          --backends LIST (cpu,opencl,cuda,tornado) | --skip-tests
# Output: the test summary, then the benchmark table; a copy goes to $OUT/gpu-check.txt when $OUT is set.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$ROOT/gpu-exapp/target/gpu-check"
JUNIT_VERSION=1.14.4
VECTORS=1000000
DIM=384
SECONDS_PER=5
BACKENDS=cpu,opencl,cuda,tornado
PREPARE=0
SKIP_TESTS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prepare) PREPARE=1 ;;
    --vectors) VECTORS="$2"; shift ;;
    --dim) DIM="$2"; shift ;;
    --seconds) SECONDS_PER="$2"; shift ;;
    --backends) BACKENDS="$2"; shift ;;
    --skip-tests) SKIP_TESTS=1 ;;
    *) echo "gpu-check.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

find_java() {
  for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}')
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  return 1
}

prepare() {
  command -v mvn >/dev/null || { echo "gpu-check.sh: mvn not found; cannot build (carry a --prepare bundle)" >&2; exit 3; }
  export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  rm -rf "$BUNDLE"
  mkdir -p "$BUNDLE/lib"
  (cd "$ROOT" && mvn -q -pl gpu-exapp -am package -DskipTests \
      dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$BUNDLE/lib")
  (cd "$ROOT" && mvn -q dependency:copy \
      -Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_VERSION -DoutputDirectory="$BUNDLE")
  cp "$ROOT"/gpu-exapp/target/harpoon-gpu-exapp-*.jar "$BUNDLE/lib/"
  cp -r "$ROOT/gpu-exapp/target/test-classes" "$BUNDLE/test-classes"
  # Not needed to run the ExApp's tests or benchmark (kernels' Aparapi, the tunnel's crypto and metrics), and JUnit
  # comes with the console launcher: dropping them keeps the bundle well under the 64 MiB a device run can carry.
  (cd "$BUNDLE/lib" && rm -f aparapi-*.jar bcel-*.jar scala-library-*.jar bc*-jdk18on-*.jar micrometer-*.jar \
      HdrHistogram-*.jar LatencyUtils-*.jar junit-*.jar opentest4j-*.jar apiguardian-*.jar)
  du -sh "$BUNDLE"
}

if [ "$PREPARE" = 1 ]; then prepare; exit 0; fi

START=$(date +%s)
JAVA=$(find_java) || { echo "gpu-check.sh: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 3; }
[ -d "$BUNDLE/lib" ] || prepare
LOG="${OUT:-/tmp}/gpu-check.txt"
exec > >(tee "$LOG") 2>&1

echo "== machine"
"$JAVA" -version 2>&1 | head -1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "nvidia-smi: not found"
ls /usr/lib/x86_64-linux-gnu/libnvrtc* /usr/local/cuda*/lib64/libnvrtc.so* 2>/dev/null | head -3 || true

# Explicit jar list: the JUnit console launcher does not expand "lib/*" the way the java launcher does.
CP="$(printf '%s:' "$BUNDLE"/lib/*.jar)$BUNDLE/test-classes"
JOPTS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
RC=0
if [ "$SKIP_TESTS" = 0 ]; then
  echo "== CUDA backend tests (CudaBackendTest, GPU required)"
  "$JAVA" "${JOPTS[@]}" -Dharpoon.gpu.required=true -jar "$BUNDLE/junit-platform-console-standalone-$JUNIT_VERSION.jar" \
      execute --class-path "$CP" --select-class io.harpoon.exapp.compute.CudaBackendTest \
      --details=summary --disable-banner 2>&1 | grep -v '^WARNING' || RC=1
fi

echo "== benchmark: $VECTORS x $DIM float32, batch 1 and 64, k=10, cosine"
HEAP=$(( (VECTORS * DIM * 4 / 1073741824 + 1) * 3 + 2 ))
"$JAVA" "${JOPTS[@]}" -Xmx${HEAP}g -cp "$CP" io.harpoon.exapp.cli.ExAppCommand bench \
    --vectors "$VECTORS" --dim "$DIM" --batch 1,64 --k 10 --seconds "$SECONDS_PER" --backends "$BACKENDS" \
    2>&1 | grep -v '^WARNING' || RC=1
echo "== done in $(( $(date +%s) - START )) s, exit $RC"
exit $RC
