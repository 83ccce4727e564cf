# Harpoon gateway: the drop-in for HaRP's image (harp-contract.md §2-§5). Built by docker/build-images.sh from a
# staged context (sys.tar, jre.tar, app.tar, certs.tar); FROM scratch, so nothing is pulled and nothing RUNs.
FROM scratch
ARG HARPOON_VERSION=dev
# glibc & co. from the build host, then the jlink'ed runtime, then the jar (changes most often: last layer).
ADD sys.tar /
ADD jre.tar /
ADD app.tar /
# /certs owned by the image user: a new named volume is initialised from it and starts writable.
ADD certs.tar /
LABEL org.opencontainers.image.title="harpoon-gateway" \
      org.opencontainers.image.description="HaRP-compatible ExApp gateway with a built-in FRP server" \
      org.opencontainers.image.version="${HARPOON_VERSION}"
# HaRP's Dockerfile defaults (§4.1), then Harpoon's: certificates under /certs whether or not NC_INSTANCE_URL is
# set, and the data directory (only used for a generated standalone key) on the tmpfs.
ENV HP_EXAPPS_ADDRESS="0.0.0.0:8780" \
    HP_EXAPPS_HTTPS_ADDRESS="0.0.0.0:8781" \
    HP_FRP_ADDRESS="0.0.0.0:8782" \
    HP_SPOA_ADDRESS="127.0.0.1:9600" \
    HP_FRP_DISABLE_TLS="false" \
    HP_TIMEOUT_CONNECT="30s" \
    HP_TIMEOUT_CLIENT="30s" \
    HP_TIMEOUT_SERVER="1800s" \
    NC_INSTANCE_URL="" \
    HP_TRUSTED_PROXY_IPS="" \
    HP_LOG_LEVEL="warning" \
    HP_CERTS_DIR="/certs" \
    HARPOON_DATA_DIR="/tmp/harpoon" \
    PATH="/opt/harpoon/jre/bin"
EXPOSE 8780 8781 8782
VOLUME /certs
WORKDIR /tmp
USER 10001:10001
STOPSIGNAL SIGTERM
# HaRP: every 10 s, timeout 10 s, 9 retries; /heartbeat on 8200 plus TCP connects to 8780, 8782 (and 8781 with
# /certs/cert.pem). A small JVM runs only the health check class, not the whole CLI.
HEALTHCHECK --interval=10s --timeout=10s --retries=9 \
  CMD ["/opt/harpoon/jre/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-XX:-UsePerfData", \
       "-Xshare:auto", "-cp", "/opt/harpoon/harpoon.jar", "io.harpoon.cli.HealthcheckCommand", "--quiet"]
# The flags of the ./harpoon launcher, plus the pre-extracted native library directory and headless AWT.
ENTRYPOINT ["/opt/harpoon/jre/bin/java", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", \
            "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true", \
            "-Djava.library.path=/opt/harpoon/lib", "-jar", "/opt/harpoon/harpoon.jar"]
CMD ["gateway"]
