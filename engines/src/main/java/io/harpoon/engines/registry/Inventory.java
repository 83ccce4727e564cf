package io.harpoon.engines.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What an engine offers, from {@code GET /info} plus the operator's declared inventory ({@link
 * InventoryOverrides}). A plain Docker engine reports CPUs, memory, runtimes and (Docker 28+) discovered CDI
 * devices; it does not report GPU models, VRAM, {@code /dev/kfd} or FPGA cards, which come from the declaration.
 *
 * @param deviceNodes device paths the engine can hand to containers ({@code /dev/kfd}, {@code /dev/dri},
 *     {@code /dev/xclmgmt*}...)
 * @param declared true when a declared inventory was merged in (shown by {@code harpoon engines})
 */
public record Inventory(String serverVersion, String operatingSystem, int cpus, long memoryBytes,
        List<String> runtimes, List<String> cdiDevices, List<Gpu> gpus, List<String> deviceNodes, List<Fpga> fpgas,
        Map<String, String> labels, boolean declared) {
    public static final Inventory UNKNOWN = new Inventory("", "", 0, 0, List.of(), List.of(), List.of(), List.of(),
            List.of(), Map.of(), false);

    public Inventory {
        requireNonNull(serverVersion, "serverVersion");
        requireNonNull(operatingSystem, "operatingSystem");
        runtimes = List.copyOf(runtimes);
        cdiDevices = List.copyOf(cdiDevices);
        gpus = List.copyOf(gpus);
        deviceNodes = List.copyOf(deviceNodes);
        fpgas = List.copyOf(fpgas);
        labels = Map.copyOf(labels);
    }

    /** CUDA containers can start here: an {@code nvidia} runtime, NVIDIA CDI devices or declared NVIDIA GPUs. */
    public boolean cuda() {
        return runtimes.contains("nvidia") || gpus.stream().anyMatch(g -> g.vendor().equals("nvidia"));
    }

    /** ROCm containers can start here: {@code /dev/kfd} is declared or AMD GPUs are known. */
    public boolean rocm() {
        return deviceNodes.contains("/dev/kfd") || gpus.stream().anyMatch(g -> g.vendor().equals("amd"));
    }
}
