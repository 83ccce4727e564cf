package io.harpoon.gateway.cli;

import io.harpoon.gateway.Gateway;
import io.harpoon.gateway.config.ConfigException;
import io.harpoon.gateway.config.GatewayConfig;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code harpoon gateway}: reads the HaRP environment (spec §4), starts every listener (FRP server first, then
 * HTTP, HTTPS, control, admin) and blocks until SIGTERM,
 * SIGINT (graceful stop, exit 0). Invalid configuration prints one line and exits 2; a listener that cannot bind
 * exits 1 (spec §2).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the HaRP-compatible gateway configured from HP_* / NC_INSTANCE_URL / HARPOON_* variables.")
public final class GatewayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    /** The environment read; tests substitute their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment(environment);
        } catch (ConfigException e) {
            err.println("harpoon gateway: invalid configuration: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        applyLogLevel(config.logLevel());
        config.sharedKey().generatedFile().ifPresent(file -> {
            // Printed exactly once, when generated; never logged.
            out.println("Generated shared key (stored in " + file + "): " + config.sharedKey().value());
            out.flush();
        });
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (ConfigException e) {
            err.println("harpoon gateway: invalid configuration: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        } catch (Exception e) {
            err.println("harpoon gateway: start-up failed: " + e);
            err.flush();
            return EXIT_FAILURE;
        }
        if (config.verboseStart()) {
            out.println("harpoon gateway " + Gateway.VERSION + ": frp " + gateway.frpAddress().map(String::valueOf)
                    .orElse("off") + (config.frpDisableTls() ? " (plain)" : " (mTLS, " + config.certsDir().resolve("frp")
                    + ")") + ", http " + gateway.httpAddress()
                    + gateway.httpsAddress().map(a -> ", https " + a).orElse(", https off (no cert.pem)")
                    + ", control " + gateway.controlAddress() + ", admin " + gateway.adminAddress()
                    + (config.standalone() ? ", standalone" : ", nextcloud " + config.nextcloudUrl().get())
                    + config.localDocker().map(h -> ", docker engine 24000 " + h).orElse(", no local docker engine")
                    + ", shared key ***");
            out.flush();
        }
        onSighup(() -> {
            try {
                gateway.reload();
                err.println("harpoon gateway: certificate reloaded");
            } catch (Exception e) {
                err.println("harpoon gateway: reload failed, keeping the previous certificate: " + e.getMessage());
            }
            err.flush();
        });
        CompletableFuture<Integer> done = new CompletableFuture<>();
        gateway.fatal().thenAccept(reason -> {
            err.println("harpoon gateway: " + reason);
            err.flush();
            done.complete(EXIT_FAILURE);
        });
        Thread hook = new Thread(() -> {
            done.complete(0);
            gateway.close(); // the JVM waits for hooks, not for the main thread: drain here
        }, "harpoon-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = done.get();
            gateway.close();
            return code;
        } catch (InterruptedException e) {
            // embedded use (tests): an interrupt stops the gateway like a signal would
            Runtime.getRuntime().removeShutdownHook(hook);
            gateway.close();
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            gateway.close();
            return EXIT_FAILURE;
        }
    }

    /**
     * Installs a SIGHUP handler through {@code sun.misc.Signal} by reflection (jdk.unsupported; absent on some
     * runtimes, then reload is simply unavailable).
     */
    static void onSighup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(GatewayCommand.class.getClassLoader(), new Class<?>[] {handler},
                    (p, m, args) -> {
                        if (m.getName().equals("handle")) {
                            action.run();
                        }
                        return null;
                    });
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance("HUP"), proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("SIGHUP reload unavailable: {}", e.toString());
        }
    }

    /**
     * HP_LOG_LEVEL for the {@code io.harpoon} loggers when the runtime logs through logback (the launcher does);
     * reflection keeps logback off the compile path. {@code warning} maps to WARN as in HaRP's Python agent.
     */
    static void applyLogLevel(String harpLevel) {
        String level = harpLevel.equals("warning") ? "WARN" : harpLevel.toUpperCase(java.util.Locale.ROOT);
        try {
            Object logger = LoggerFactory.getLogger("io.harpoon");
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", false, logger.getClass().getClassLoader());
            Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            logger.getClass().getMethod("setLevel", levelClass).invoke(logger, value);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("HP_LOG_LEVEL not applied (no logback): {}", e.toString());
        }
    }
}
