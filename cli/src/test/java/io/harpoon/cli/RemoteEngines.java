package io.harpoon.cli;

import io.harpoon.engines.registry.Engine;
import io.harpoon.gateway.Gateway;
import io.harpoon.testsupport.Requirements;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test dockerd as a <b>remote</b> engine: a Java frpc exposing its unix socket on a remote port in 24001-24099,
 * as HaRP's {@code frpc-docker.toml} does on a GPU host (spec harp-contract.md §13).
 */
final class RemoteEngines {
    private RemoteEngines() {
    }

    /** The test engine's socket ({@code DOCKER_HOST=unix://...}); skips, or fails under HARPOON_STRICT=1. */
    static Path requireDockerSocket() {
        String host = System.getenv("DOCKER_HOST");
        Requirements.require("docker", host != null && host.startsWith("unix://")
                && Files.exists(Path.of(host.substring(7))), "DOCKER_HOST with a unix socket (./harpoon test starts"
                + " a throw-away dockerd as root); got " + host);
        return Path.of(host.substring("unix://".length()));
    }

    /** Logs in to {@code gw}'s FRP server with its client certificates and binds {@code port} to {@code socket}. */
    static TunnelClient connect(Gateway gw, Path certsDir, String key, String name, int port, Path socket)
            throws Exception {
        TunnelClient c = new TunnelClient(TunnelClientConfig.harp(
                new InetSocketAddress("127.0.0.1", gw.frpAddress().orElseThrow().getPort()),
                TunnelTls.harpClient(certsDir.resolve("frp")), key, List.of(ProxySpec.unixSocket(name, port, socket))));
        c.start().get(10, TimeUnit.SECONDS);
        return c;
    }

    /** Waits up to 10 s for the registry to show {@code port} in {@code status}. */
    static Engine await(Gateway gw, int port, Engine.Status status) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            var e = gw.engines().engine(port);
            if (e.isPresent() && e.get().status() == status) {
                return e.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("engine " + port + " not " + status + ": " + gw.engines().engine(port)
                .map(Engine::view));
    }
}
