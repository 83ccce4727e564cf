package io.harpoon.scheduler.api;

/** GPU vendor; decides which {@link DeviceKind} a GPU serves (NVIDIA: CUDA, AMD: ROCm). */
public enum GpuVendor {
    NVIDIA(DeviceKind.CUDA),
    AMD(DeviceKind.ROCM);

    private final DeviceKind kind;

    GpuVendor(DeviceKind kind) {
        this.kind = kind;
    }

    public DeviceKind kind() {
        return kind;
    }
}
