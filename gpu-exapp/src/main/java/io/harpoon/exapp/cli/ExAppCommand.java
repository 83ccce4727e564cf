package io.harpoon.exapp.cli;

import io.harpoon.exapp.ExAppConfig;
import io.harpoon.exapp.ExAppServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harpoon exapp}: runs the sample GPU ExApp from the environment AppAPI injects (see {@link ExAppConfig}).
 * Exit code 2 when the environment is invalid (the message names the variable), 1 when binding fails.
 */
@Command(name = "exapp", mixinStandardHelpOptions = true,
        description = "Run the sample GPU ExApp (vector search) from APP_ID, APP_SECRET, APP_PORT, ... in the environment.",
        subcommands = {SearchBenchCommand.class})
public final class ExAppCommand implements Callable<Integer> {
    @Option(names = "--backend", description = "Force a backend (cpu, opencl, cuda, tornado); default: from COMPUTE_DEVICE.")
    private String backend;

    /** Standalone entry point (scripts/gpu-check.sh); the launcher normally composes this command as a subcommand. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ExAppCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (backend != null) {
            env.put("HARPOON_EXAPP_BACKEND", backend);
        }
        ExAppConfig config;
        try {
            config = ExAppConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            System.err.println("harpoon exapp: " + e.getMessage());
            return 2;
        }
        ExAppServer server = ExAppServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "exapp-shutdown"));
        server.awaitClose();
        return 0;
    }
}
