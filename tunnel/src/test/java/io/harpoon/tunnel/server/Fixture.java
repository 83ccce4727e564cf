package io.harpoon.tunnel.server;

import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.mux.YamuxConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shared set-up for loopback tests: HaRP certificates (generated once per JVM), servers and clients. */
final class Fixture {
    static final String SHARED_KEY = "secret";
    private static Path certs;

    private Fixture() {
    }

    static synchronized Path certs() {
        if (certs == null) {
            try {
                Path dir = Files.createTempDirectory("harpoon-certs").resolve("frp");
                HarpCertificates.ensure(dir, 30);
                certs = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return certs;
    }

    static SslContext serverTls() {
        try {
            return TunnelTls.harpServer(certs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SslContext clientTls() {
        try {
            return TunnelTls.harpClient(certs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago (for allow-list tests). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HaRP mode on 127.0.0.1:0 with mTLS (or plain when {@code tls} is false), any remote port allowed. */
    static TunnelServerConfig harpConfig(boolean tls) {
        return TunnelServerConfig.harp(new InetSocketAddress("127.0.0.1", 0), SHARED_KEY, tls ? serverTls() : null)
                .withAllowPorts(List.of())
                .withYamux(YamuxConfig.serverDefaults().withKeepAlive(Duration.ZERO, Duration.ofSeconds(10)));
    }

    static TunnelServer start(TunnelServerConfig config) throws InterruptedException {
        TunnelServer s = new TunnelServer(config, null, new SimpleMeterRegistry());
        s.start();
        return s;
    }

    static TunnelClientConfig clientConfig(InetSocketAddress server, boolean tls, ProxySpec... proxies) {
        return TunnelClientConfig.harp(server, tls ? clientTls() : null, SHARED_KEY, List.of(proxies))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    static TunnelClientConfig clientConfig(InetSocketAddress server, boolean tls, String metasToken,
            ProxySpec... proxies) {
        return clientConfig(server, tls, proxies).withAuth("", Map.of("token", metasToken));
    }

    static List<PortRange> only(int port) {
        return List.of(new PortRange(port, port));
    }

    static TunnelClient client(TunnelClientConfig config) {
        return new TunnelClient(config);
    }
}
