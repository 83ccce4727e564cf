# Harpoon's sample GPU ExApp, CUDA build (AppAPI tag <image-tag>-cuda). NOT BUILDABLE OFFLINE: the base image comes
# from a registry (docker/README.md, "What cannot be verified here"). Same context as the cpu image
# (docker/build-images.sh stage); sys.tar is not used, the base image brings glibc. Build on a machine that can pull:
#   docker/build-images.sh stage && docker build -f docker/target/context/gpu-exapp-cuda.Dockerfile \
#     -t harpoon/gpu-exapp:0.1.0-cuda docker/target/context
# libnvrtc.so.12 comes from the -runtime base; libcuda.so.1 is mounted by the NVIDIA container toolkit when AppAPI
# creates the container with DeviceRequests driver nvidia (NVIDIA_* below are what AppAPI sets for cuda daemons).
FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04
ARG HARPOON_VERSION=dev
ADD jre.tar /
ADD app.tar /
LABEL org.opencontainers.image.title="harpoon-gpu-exapp" \
      org.opencontainers.image.description="Vector search ExApp (harpoon_vectors), CUDA backend" \
      org.opencontainers.image.version="${HARPOON_VERSION}-cuda"
ENV APP_ID="harpoon_vectors" \
    APP_VERSION="0.1.0" \
    APP_HOST="0.0.0.0" \
    APP_PORT="23000" \
    APP_PERSISTENT_STORAGE="/nc_app_harpoon_vectors_data" \
    COMPUTE_DEVICE="cuda" \
    NVIDIA_VISIBLE_DEVICES="all" \
    NVIDIA_DRIVER_CAPABILITIES="compute,utility" \
    PATH="/opt/harpoon/jre/bin:${PATH}"
WORKDIR /tmp
USER 0:0
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/harpoon/jre/bin/java", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", \
            "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true", \
            "-Djava.library.path=/opt/harpoon/lib", "-jar", "/opt/harpoon/harpoon.jar"]
CMD ["exapp"]
