package io.harpoon.engines.exapp;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Devices a scheduler chose for one {@code create}, replacing HaRP's "everything of that kind" (spec §16 Q23):
 * {@code cuda} gets {@code DeviceIDs} instead of {@code Count: -1}; {@code rocm} gets exactly these device paths
 * ({@code /dev/kfd} and one {@code /dev/dri/renderD<n>} per GPU) instead of all of {@code /dev/dri}.
 */
public record DevicePins(List<String> nvidiaIds, List<String> devicePaths) {
    /** Nothing pinned: HaRP's behaviour. */
    public static final DevicePins NONE = new DevicePins(List.of(), List.of());

    public DevicePins {
        nvidiaIds = List.copyOf(requireNonNull(nvidiaIds, "nvidiaIds"));
        devicePaths = List.copyOf(requireNonNull(devicePaths, "devicePaths"));
        for (String p : devicePaths) {
            if (!p.startsWith("/dev/")) {
                throw new IllegalArgumentException("devicePaths: " + p + " (expected: /dev/...)");
            }
        }
    }

    public static DevicePins nvidia(List<String> ids) {
        return new DevicePins(ids, List.of());
    }
}
