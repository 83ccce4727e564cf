package io.harpoon.kernels.cli;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.kernels.select.KernelPlacement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harpoon kernels devices}: every backend, available with its device or unavailable with the cause.
 * Exit code 0 always (an absent GPU is a fact, not an error), unless {@code --require} names a backend that is
 * unavailable.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List every kernel backend: available with device name, or unavailable with the cause.")
public final class DevicesCommand implements Callable<Integer> {
    @Option(names = "--require", split = ",", description = "Fail (exit 3) if any of these backends is unavailable.")
    private java.util.List<String> require = java.util.List.of();

    @Override
    public Integer call() {
        int missing = 0;
        System.out.printf("%-8s %-12s %s%n", "BACKEND", "STATUS", "DEVICE / CAUSE");
        for (Availability a : BackendRegistry.defaults().probeAll()) {
            System.out.printf("%-8s %-12s %s%n", a.backend().wireName(), a.available() ? "available" : "unavailable",
                    a.available() ? a.device() : a.cause());
            if (!a.available() && require.contains(a.backend().wireName())) {
                missing++;
            }
        }
        System.out.println("placement: " + KernelPlacement.defaults().source());
        return missing == 0 ? 0 : 3;
    }
}
