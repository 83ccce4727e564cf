#!/usr/bin/env bash
# build-images.sh - Harpoon's cpu images from local material only: no registry, no pull, no RUN step.
#
#   docker/build-images.sh            stage the root file system, then build both cpu images
#   docker/build-images.sh stage      stage only (docker/target/context: tars + Dockerfiles, also the -cuda one)
#
# Images (VERSION = the jar's Maven version without -SNAPSHOT, i.e. gpu-exapp's info.xml <image-tag>):
#   harpoon/gateway:VERSION                          FROM scratch, HaRP's ports/env/volume/HEALTHCHECK
#   harpoon/gpu-exapp:VERSION-cpu (+ :VERSION)       FROM scratch, CPU backend (AppAPI's <tag>-<device> naming)
# The -cuda image needs an nvidia/cuda base from a registry; it is staged but not built (docker/README.md).
#
# What goes in (docker/README.md, "What is in the images"):
#   sys.tar   glibc & co. copied from this host, exactly the files `ldd` names for the runtime's ELF files, plus
#             libgcc_s (glibc dlopens it for thread unwinding); /etc/passwd, group, nsswitch.conf; /tmp (1777)
#   jre.tar   /opt/harpoon/jre: jlink of the modules `jdeps` finds in the shaded jar, plus EXTRA_MODULES below
#   app.tar   /opt/harpoon/harpoon.jar and the netty epoll library pre-extracted to /opt/harpoon/lib (loaded from
#             java.library.path, so nothing executable is ever written to a noexec /tmp)
#   certs.tar /certs (gateway only) owned by the image user 10001, so a new named volume starts writable
#
# Settings (environment):
#   JAVA_HOME               JDK >= 21 with jlink, jdeps and jar (default: /usr/lib/jvm/temurin-25-jdk-amd64)
#   HARPOON_JAR             shaded jar (default: cli/target/harpoon.jar; `./harpoon build` makes it)
#   HARPOON_IMAGE_STAGE     staging directory (default: docker/target): context/ is rebuilt every time, cache/
#                           keeps the jdeps module list and the jlink'ed runtime for the next build
#   HARPOON_IMAGE_VERSION   image tag (default: see above)
#   HARPOON_GATEWAY_IMAGE   repository of the gateway image (default: harpoon/gateway)
#   HARPOON_EXAPP_IMAGE     repository of the ExApp image (default: harpoon/gpu-exapp)
#   DOCKER_HOST             engine to build on (the docker CLI's own default otherwise)
# Prints the image names and sizes, and the seconds each phase took, on stderr.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${HARPOON_JAR:-$ROOT/cli/target/harpoon.jar}
STAGE=${HARPOON_IMAGE_STAGE:-$ROOT/docker/target}
GATEWAY_IMAGE=${HARPOON_GATEWAY_IMAGE:-harpoon/gateway}
EXAPP_IMAGE=${HARPOON_EXAPP_IMAGE:-harpoon/gpu-exapp}
# Modules jdeps cannot see, because they are reached as services or by name at run time: jdk.crypto.ec (the SunEC
# provider behind TLS named curves on JDK 21; empty on 22+), jdk.incubator.vector (named by --add-modules in the
# entry point), jdk.unsupported (sun.misc.Unsafe, which Netty looks up reflectively), jdk.charsets (legacy
# encodings through Charset.forName), jdk.zipfs (FileSystems.newFileSystem on a jar, a provider lookup).
EXTRA_MODULES=jdk.crypto.ec,jdk.incubator.vector,jdk.unsupported,jdk.charsets,jdk.zipfs
IMAGE_UID=10001

say() { echo "build-images: $*" >&2; }
die() { say "$*"; exit 1; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

[[ -x $JAVA_HOME/bin/jlink && -x $JAVA_HOME/bin/jdeps && -x $JAVA_HOME/bin/jar ]] \
  || die "no jlink/jdeps/jar in JAVA_HOME=$JAVA_HOME (a JDK, not a JRE)"
[[ -f $JAR ]] || die "no shaded jar at $JAR (run ./harpoon build)"
# The two entries the build needs from the jar, with the JDK's own jar tool (no unzip on a bare machine).
META=$STAGE/meta
rm -rf "$META"; mkdir -p "$META"
(cd "$META" && "$JAVA_HOME/bin/jar" xf "$JAR" META-INF/maven/io.harpoon/harpoon-cli/pom.properties \
  META-INF/native/libnetty_transport_native_epoll_x86_64.so)
NETTY_LIB=$META/META-INF/native/libnetty_transport_native_epoll_x86_64.so
[[ -f $NETTY_LIB ]] || die "no netty epoll library for x86_64 in $JAR"
if [[ -z ${HARPOON_IMAGE_VERSION:-} ]]; then
  HARPOON_IMAGE_VERSION=$(sed -n 's/^version=//p' "$META/META-INF/maven/io.harpoon/harpoon-cli/pom.properties" \
    2>/dev/null | tr -d '\r')
  HARPOON_IMAGE_VERSION=${HARPOON_IMAGE_VERSION%-SNAPSHOT}
fi
VERSION=${HARPOON_IMAGE_VERSION:?cannot read the version from $JAR; set HARPOON_IMAGE_VERSION}
CTX=$STAGE/context
CACHE=$STAGE/cache
JAVA_FEATURE=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')

# Every shared object the given ELF files need (ldd), the interpreter included, as absolute paths.
needed_libs() {
  local f
  for f in "$@"; do
    ldd "$f" 2>/dev/null | awk '
      / => not found/ { print "MISSING " $1; next }
      / => \//        { print $3; next }
      /^[ \t]*\//     { print $1 }'
  done | sort -u
}

# Copies a host file into the rootfs at the same path, following symlinks (the rootfs has no symlinked /lib).
copy_host_file() {
  local src=$1 dst=$2
  mkdir -p "$dst$(dirname "$src")"
  cp -L "$src" "$dst$src"
}

# Deterministic tar (sorted, mtime 0, numeric owner): an unchanged layer keeps its build cache entry.
det_tar() { # det_tar OUT DIR OWNER
  tar --sort=name --mtime=@0 --numeric-owner --owner="$3" --group="$3" --format=gnu -C "$2" -cf "$1" .
}

# The jdeps module list, cached by the jar's entry list (the same classes need the same modules; jdeps reads the
# whole 60 MB jar, the slowest step on a small machine).
modules() {
  local key cache mods
  key=$("$JAVA_HOME/bin/jar" tf "$JAR" | sha256sum | cut -c1-16)
  cache=$CACHE/modules-$key
  if [[ -s $cache ]]; then cat "$cache"; return 0; fi
  mods=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release "$JAVA_FEATURE" --print-module-deps "$JAR" \
    2>/dev/null | tail -1)
  [[ -n $mods ]] || die "jdeps found no modules in $JAR"
  echo "$mods,$EXTRA_MODULES" | tr ',' '\n' | sort -u | paste -sd, | tee "$cache"
}

# The jlink'ed runtime as a deterministic tar, cached by JDK release and module list (an unchanged runtime is an
# unchanged layer, so the engine's build cache can keep it too).
runtime_tar() { # runtime_tar MODULES OUT
  local key cache tmp
  key=$( (cat "$JAVA_HOME/release"; echo "$1") | sha256sum | cut -c1-16)
  cache=$CACHE/jre-$key.tar
  if [[ ! -s $cache ]]; then
    tmp=$STAGE/jre-root
    rm -rf "$tmp"; mkdir -p "$tmp/opt/harpoon"
    "$JAVA_HOME/bin/jlink" --add-modules "$1" --strip-debug --no-man-pages --no-header-files --compress zip-6 \
      --output "$tmp/opt/harpoon/jre" 2>&1 | { grep -v 'Using incubator modules' || true; } >&2
    [[ -x $tmp/opt/harpoon/jre/bin/java ]] || die "jlink failed"
    # Headless server: the X11/ALSA/splash parts of java.desktop would need libraries no server image carries.
    rm -f "$tmp"/opt/harpoon/jre/lib/{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so}
    det_tar "$cache.part" "$tmp" 0
    mv "$cache.part" "$cache"
    rm -rf "$tmp"
  fi
  cp "$cache" "$2"
}

stage() {
  local t0 t mods rf
  t0=$(now)
  rm -rf "$CTX" "$STAGE/app-root" "$STAGE/sys-root" "$STAGE/certs-root" "$STAGE/jre-view"
  mkdir -p "$CTX" "$CACHE" "$STAGE/app-root/opt/harpoon/lib" "$STAGE/sys-root" "$STAGE/certs-root/certs" \
    "$STAGE/jre-view"

  t=$(now)
  mods=$(modules)
  [[ -n $mods ]] || die "no module list"
  say "modules: $mods ($(secs "$t") s)"

  t=$(now)
  runtime_tar "$mods" "$CTX/jre.tar"
  tar -C "$STAGE/jre-view" -xf "$CTX/jre.tar" # for ldd below
  say "runtime: $(du -sh "$STAGE/jre-view/opt/harpoon/jre" | cut -f1) ($(secs "$t") s)"

  cp "$JAR" "$STAGE/app-root/opt/harpoon/harpoon.jar"
  cp "$NETTY_LIB" "$STAGE/app-root/opt/harpoon/lib/"

  rf=$STAGE/sys-root
  local elfs=() lib missing=()
  mapfile -t elfs < <(find "$STAGE/jre-view" "$STAGE/app-root" -type f \( -name '*.so' -o -path '*/bin/*' \))
  while read -r lib; do
    case $lib in
      MISSING*) # libjvm.so & co. are the runtime's own (found at run time through libjava's RPATH)
        [[ -n $(find "$STAGE/jre-view" -name "${lib#MISSING }" -print -quit) ]] || missing+=("${lib#MISSING }") ;;
      "$STAGE"/*) ;; # the runtime's own libraries (libjvm.so found via RPATH)
      *) copy_host_file "$lib" "$rf" ;;
    esac
  done < <(needed_libs "${elfs[@]}")
  [[ ${#missing[@]} -eq 0 ]] || say "warning: not found by ldd (left out): ${missing[*]}"
  lib=$(gcc -print-file-name=libgcc_s.so.1 2>/dev/null || true)
  [[ -f $lib && $lib == /* ]] || lib=$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ { print $NF; exit }')
  [[ -n $lib ]] && copy_host_file "$lib" "$rf"
  mkdir -p "$rf/etc" "$rf/tmp"
  chmod 1777 "$rf/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nharpoon:x:%s:%s:harpoon:/tmp:/sbin/nologin\n' "$IMAGE_UID" "$IMAGE_UID" \
    >"$rf/etc/passwd"
  printf 'root:x:0:\nharpoon:x:%s:\n' "$IMAGE_UID" >"$rf/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rf/etc/nsswitch.conf"
  say "host libraries: $(cd "$rf" && find . -name '*.so*' | sort | tr '\n' ' ')"

  det_tar "$CTX/sys.tar" "$rf" 0
  det_tar "$CTX/app.tar" "$STAGE/app-root" 0
  chmod 0755 "$STAGE/certs-root/certs"
  det_tar "$CTX/certs.tar" "$STAGE/certs-root" "$IMAGE_UID"
  cp "$HERE"/gateway.Dockerfile "$HERE"/gpu-exapp-cpu.Dockerfile "$HERE"/gpu-exapp-cuda.Dockerfile "$CTX/"
  rm -rf "$STAGE/jre-view" "$STAGE/app-root" "$STAGE/sys-root" "$STAGE/certs-root"
  say "staged $CTX ($(du -sh "$CTX" | cut -f1)) in $(secs "$t0") s"
}

build() { # build DOCKERFILE TAG...
  local file=$1 t tags=()
  shift
  for t in "$@"; do tags+=(-t "$t"); done
  t=$(now)
  # Legacy builder: no BuildKit, whose RUN needs a bridge network (spec docker-engine-for-tests.md §5); nothing
  # here RUNs anyway. FROM scratch and ADD of local tars: nothing can be pulled.
  DOCKER_BUILDKIT=0 docker build -q --network none --build-arg HARPOON_VERSION="$VERSION" -f "$CTX/$file" \
    "${tags[@]}" "$CTX" >/dev/null
  say "built $* in $(secs "$t") s: $(docker image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
}

case "${1:-all}" in
  stage | all) ;;
  *) die "usage: build-images.sh [all|stage]" ;;
esac
command -v ldd >/dev/null || die "ldd not found"
[[ ${1:-all} == stage ]] || command -v docker >/dev/null || die "docker CLI not found"
stage
case "${1:-all}" in
  stage) ;;
  all)
    build gateway.Dockerfile "$GATEWAY_IMAGE:$VERSION"
    build gpu-exapp-cpu.Dockerfile "$EXAPP_IMAGE:$VERSION-cpu" "$EXAPP_IMAGE:$VERSION"
    ;;
  *) die "usage: build-images.sh [all|stage]" ;;
esac
