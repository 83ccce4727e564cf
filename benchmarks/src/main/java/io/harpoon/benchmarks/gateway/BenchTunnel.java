package io.harpoon.benchmarks.gateway;

import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * HaRP's ExApp frpc, as the Java {@link TunnelClient}: mTLS with {@code <frpCertsDir>/client.crt}, {@code
 * metas.token} = shared key, one TCP proxy named after the app id. The shared key comes from the environment
 * ({@code HP_SHARED_KEY}) so that it never shows in a process list.
 *
 * <p>Usage: {@code BenchTunnel <frpPort> <frpCertsDir> <appId> <remotePort> <localPort | /unix/socket>}; prints
 * {@code READY} once the server accepted the proxy, then runs until killed. A socket path makes it a remote Docker
 * engine's frpc ({@code unix_domain_socket} plugin, scripts/bench-engines.sh).
 */
public final class BenchTunnel {
    /** How long the login and proxy registration may take. */
    private static final long START_TIMEOUT_S = 30;

    private BenchTunnel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("args: " + args.length
                    + " (expected: <frpPort> <frpCertsDir> <appId> <remotePort> <localPort>)");
        }
        String key = System.getenv("HP_SHARED_KEY");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("HP_SHARED_KEY: unset (expected: the gateway's shared key)");
        }
        String appId = args[2];
        TunnelClientConfig config = TunnelClientConfig.harp(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), TunnelTls.harpClient(Path.of(args[1])),
                key, List.of(args[4].startsWith("/")
                        ? ProxySpec.unixSocket(appId, Integer.parseInt(args[3]), Path.of(args[4]))
                        : ProxySpec.tcp(appId, Integer.parseInt(args[3]), "127.0.0.1", Integer.parseInt(args[4]))));
        TunnelClient client = new TunnelClient(config);
        client.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!client.registeredProxies().containsKey(appId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("proxy " + appId + ": not registered within " + START_TIMEOUT_S
                        + " s");
            }
            Thread.sleep(20);
        }
        System.out.println("READY");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(client::close));
        new CountDownLatch(1).await();
    }
}
