package io.harpoon.cli;

import io.harpoon.exapp.cli.ExAppCommand;
import io.harpoon.gateway.cli.EnginesCommand;
import io.harpoon.gateway.cli.GatewayCommand;
import io.harpoon.kernels.cli.KernelsCommand;
import io.harpoon.scheduler.cli.PlacementsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code harpoon} command. Each module owns its subcommands; this class only composes them, so no lower
 * module ever depends on a higher one for its CLI.
 *
 * <pre>
 *   harpoon gateway                HaRP-compatible gateway, configured from HP_* variables
 *   harpoon kernels devices        backends with device or cause
 *   harpoon kernels bench [--quick] [--out DIR]
 *   harpoon placements [APP_ID...] [--json]   scheduler placements with their explanations
 *   harpoon exapp [bench]                     the sample GPU ExApp (vector search), configured from the environment
 *   harpoon healthcheck                       the gateway image's HEALTHCHECK probes (exit 0 healthy, 1 not)
 * </pre>
 */
@Command(name = "harpoon", mixinStandardHelpOptions = true, versionProvider = HarpoonMain.Version.class,
        description = "HaRP-compatible ExApp gateway with an frp-compatible tunnel, GPU-aware scheduler and batch kernels.",
        subcommands = {GatewayCommand.class, EnginesCommand.class, KernelsCommand.class, PlacementsCommand.class,
                ExAppCommand.class, HealthcheckCommand.class, CommandLine.HelpCommand.class})
public final class HarpoonMain {

    public static void main(String[] args) {
        int code = new CommandLine(new HarpoonMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }

    /** Version from the jar manifest, else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HarpoonMain.class.getPackage().getImplementationVersion();
            return new String[] {"harpoon " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
