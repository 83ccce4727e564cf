# Harpoon's sample GPU ExApp (gpu-exapp/README.md), CPU build: AppAPI tries <image>:<image-tag>-cpu for a cpu
# daemon (exapp-contract.md §7). Built by docker/build-images.sh; FROM scratch, nothing pulled, nothing RUN.
FROM scratch
ARG HARPOON_VERSION=dev
ADD sys.tar /
ADD jre.tar /
ADD app.tar /
LABEL org.opencontainers.image.title="harpoon-gpu-exapp" \
      org.opencontainers.image.description="Vector search ExApp (harpoon_vectors), CPU backend" \
      org.opencontainers.image.version="${HARPOON_VERSION}-cpu"
# AppAPI injects APP_*, NEXTCLOUD_URL, COMPUTE_DEVICE and, on HaRP daemons, HP_FRP_ADDRESS/HP_FRP_PORT/HP_SHARED_KEY
# (exapp-contract.md §6.1); these defaults only serve a hand-started container. HARPOON_EXAPP_BACKEND pins the CPU
# backend whatever COMPUTE_DEVICE says: this image carries no OpenCL or CUDA library.
ENV APP_ID="harpoon_vectors" \
    APP_VERSION="0.1.0" \
    APP_HOST="0.0.0.0" \
    APP_PORT="23000" \
    APP_PERSISTENT_STORAGE="/nc_app_harpoon_vectors_data" \
    COMPUTE_DEVICE="cpu" \
    HARPOON_EXAPP_BACKEND="cpu" \
    PATH="/opt/harpoon/jre/bin"
WORKDIR /tmp
# root like every AppAPI ExApp image: AppAPI/HaRP copy /certs/frp/client.key in as root with mode 0600.
USER 0:0
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/harpoon/jre/bin/java", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", \
            "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true", \
            "-Djava.library.path=/opt/harpoon/lib", "-jar", "/opt/harpoon/harpoon.jar"]
CMD ["exapp"]
