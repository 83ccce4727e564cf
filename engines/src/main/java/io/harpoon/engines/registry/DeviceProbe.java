package io.harpoon.engines.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks an engine which device nodes its host has, without running anything there: a container of an empty image
 * ({@code FROM scratch}, built on the engine, nothing pulled) is created with one device mapped and started. The
 * engine checks the device before it execs the (missing) entrypoint, so the start error says which it was:
 *
 * <pre>
 *  "error gathering device information while adding custom device "/dev/kfd": no such file or directory" ─► absent
 *  any other start error (entrypoint not found)                                                           ─► present
 * </pre>
 *
 * NVIDIA nodes are probed {@code /dev/nvidia0}, {@code /dev/nvidia1}... until the first missing one (at most
 * {@link #MAX_GPUS}). Each probe costs one create/start/remove (tens of milliseconds); the whole set runs once per
 * engine connect, on a virtual thread.
 */
public final class DeviceProbe {
    public static final String IMAGE = "harpoon/device-probe:scratch";
    public static final int MAX_GPUS = 16;
    /** Fixed nodes worth knowing for placement: ROCm, DRM, NVIDIA control, Xilinx and Intel FPGA management. */
    public static final List<String> NODES = List.of("/dev/kfd", "/dev/dri", "/dev/nvidiactl", "/dev/xclmgmt0",
            "/dev/intel-fpga-port.0");

    private DeviceProbe() {
    }

    /** Present device nodes among {@code fixed}, then {@code /dev/nvidia<i>} from 0 while present. */
    public static List<String> probe(DockerClient d, List<String> fixed) {
        ensureImage(d);
        sweep(d, java.time.Duration.ofMinutes(1));
        List<String> present = new ArrayList<>();
        for (String node : fixed) {
            if (present(d, node)) {
                present.add(node);
            }
        }
        if (present.contains("/dev/nvidiactl")) {
            for (int i = 0; i < MAX_GPUS && present(d, "/dev/nvidia" + i); i++) {
                present.add("/dev/nvidia" + i);
            }
        }
        return present;
    }

    static boolean present(DockerClient d, String node) {
        String name = "harpoon-device-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        d.createContainerCmd(IMAGE).withName(name).withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withDevices(new Device("r", node, node)))
                .exec();
        try {
            d.startContainerCmd(name).exec();
            return true; // cannot happen (no entrypoint), but the device was accepted
        } catch (DockerException e) {
            String m = String.valueOf(e.getMessage());
            return !(m.contains("error gathering device information") && m.contains("no such file or directory"));
        } finally {
            try {
                d.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException gone) {
                // fine
            }
        }
    }

    /**
     * Removes probe containers a process left behind when it stopped in the middle of a probe (its {@code finally}
     * never ran). Only those older than {@code minAge} (a minute when probing): another gateway's probe on the same
     * engine lives for milliseconds.
     */
    public static void sweep(DockerClient d, java.time.Duration minAge) {
        long cutoff = System.currentTimeMillis() / 1000 - minAge.toSeconds();
        for (var c : d.listContainersCmd().withShowAll(true).withNameFilter(List.of("harpoon-device-probe-")).exec()) {
            if (c.getCreated() != null && c.getCreated() <= cutoff) {
                try {
                    d.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // someone else swept it
                }
            }
        }
    }

    private static void ensureImage(DockerClient d) {
        try {
            d.inspectImageCmd(IMAGE).exec();
            return;
        } catch (NotFoundException e) {
            // build it: an empty image, nothing to pull
        }
        try {
            Path dir = Files.createTempDirectory("device-probe");
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCMD [\"/harpoon-device-probe\"]\n");
            d.buildImageCmd(dir.toFile()).withTags(Set.of(IMAGE)).withNetworkMode("none")
                    .exec(new BuildImageResultCallback()).awaitImageId();
            Files.delete(dir.resolve("Dockerfile"));
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GPUs implied by probed nodes: {@code /dev/nvidia<i>} → NVIDIA index i (model and memory unknown). */
    static List<Gpu> gpus(List<String> nodes) {
        List<Gpu> out = new ArrayList<>();
        for (String n : nodes) {
            if (n.matches("/dev/nvidia\\d+")) {
                out.add(new Gpu("nvidia", Integer.parseInt(n.substring("/dev/nvidia".length())), "", 0, "device"));
            }
        }
        return out;
    }
}
