package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker device settings for a placement, replacing HaRP's "all GPUs" mapping (harp-contract.md §12.4, §16 Q23):
 *
 * <pre>
 *   cuda  HostConfig.DeviceRequests = [{Driver: "nvidia", DeviceIDs: ["0","2"], Capabilities: [["compute","utility"]]}]
 *         env NVIDIA_VISIBLE_DEVICES=0,2 (instead of "all")
 *   rocm  HostConfig.Devices = /dev/kfd, /dev/dri/renderD(128+i) for each chosen i, permissions rwm
 *   cpu   nothing
 *   fpga  env HARPOON_FPGA_IDS=1 (the card driver's device nodes are host specific; the engine maps them)
 * </pre>
 *
 * ROCm render nodes are numbered from 128 in GPU index order on a host with no other DRM devices; an engine whose
 * numbering differs should report GPU indexes that already follow its render nodes.
 *
 * @param nvidiaDeviceIds {@code DeviceRequests[0].DeviceIDs} for cuda, else empty
 * @param devicePaths     host device nodes to map with {@code rwm}, for rocm
 * @param environment     variables to add to (or replace in) the container environment
 */
public record DockerDevices(List<String> nvidiaDeviceIds, List<String> devicePaths, Map<String, String> environment) {
    /** First DRM render node number on Linux. */
    public static final int ROCM_RENDER_NODE_BASE = 128;

    public DockerDevices {
        nvidiaDeviceIds = List.copyOf(requireNonNull(nvidiaDeviceIds, "nvidiaDeviceIds"));
        devicePaths = List.copyOf(requireNonNull(devicePaths, "devicePaths"));
        environment = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(environment, "environment")));
    }

    public static DockerDevices of(Reservation r) {
        requireNonNull(r, "r");
        List<String> ids = new ArrayList<>();
        for (int i : r.gpuIds()) {
            ids.add(Integer.toString(i));
        }
        return switch (r.kind()) {
            case CPU -> new DockerDevices(List.of(), List.of(), Map.of());
            case CUDA -> new DockerDevices(ids, List.of(), Map.of("NVIDIA_VISIBLE_DEVICES", String.join(",", ids)));
            case ROCM -> {
                List<String> paths = new ArrayList<>();
                paths.add("/dev/kfd");
                for (int i : r.gpuIds()) {
                    paths.add("/dev/dri/renderD" + (ROCM_RENDER_NODE_BASE + i));
                }
                yield new DockerDevices(List.of(), paths, Map.of());
            }
            case FPGA -> new DockerDevices(List.of(), List.of(), Map.of("HARPOON_FPGA_IDS",
                    String.join(",", r.fpgaIds().stream().map(String::valueOf).toList())));
        };
    }
}
