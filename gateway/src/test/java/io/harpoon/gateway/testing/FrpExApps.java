package io.harpoon.gateway.testing;

import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * ExApps in HaRP's FRP mode for gateway tests: a Java {@link TunnelClient} configured as HaRP's ExApp entrypoint
 * writes {@code /frpc.toml} (mTLS with {@code $HP_CERTS_DIR/frp}, {@code metas.token} = shared key, proxy name = app
 * id, remote port = {@code APP_PORT}), registered with the gateway's built-in FRP server.
 */
public final class FrpExApps {
    private FrpExApps() {
    }

    /**
     * {@code n} ports in HaRP's ExApp range 23000-23999 that are free on 127.0.0.1 now (random start, so that
     * parallel builds rarely pick the same ones); fewer when the range is busy.
     */
    public static List<Integer> freeAppPorts(int n) {
        return freePorts(23000, 1000, n);
    }

    /** As {@link #freeAppPorts} for remote Docker engines, 24001-24099. */
    public static List<Integer> freeEnginePorts(int n) {
        return freePorts(24001, 99, n);
    }

    private static List<Integer> freePorts(int first, int count, int n) {
        List<Integer> free = new ArrayList<>();
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count && free.size() < n; i++) {
            int port = first + (start + i) % count;
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                free.add(port);
            } catch (IOException busy) {
                // taken by someone else: try the next one
            }
        }
        return free;
    }

    /** HaRP's ExApp frpc for {@code appId} on {@code remotePort}, forwarding to 127.0.0.1:{@code localPort}. */
    public static TunnelClientConfig config(GatewayExtension gw, String sharedKey, String appId, int remotePort,
            int localPort) throws IOException {
        return TunnelClientConfig.harp(frpServer(gw), TunnelTls.harpClient(gw.certsDir().resolve("frp")), sharedKey,
                List.of(ProxySpec.tcp(appId, remotePort, "127.0.0.1", localPort)))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    public static InetSocketAddress frpServer(GatewayExtension gw) {
        return new InetSocketAddress("127.0.0.1", gw.gateway().frpAddress().orElseThrow().getPort());
    }

    /** Starts the client and waits until the gateway's FRP server has bound its proxy. */
    public static TunnelClient connect(GatewayExtension gw, TunnelClientConfig config) throws Exception {
        TunnelClient client = new TunnelClient(config);
        client.start().get(20, TimeUnit.SECONDS);
        String name = config.proxies().get(0).name();
        for (int i = 0; i < 400 && !gw.gateway().tunnelServer().orElseThrow().proxyNames().contains(name); i++) {
            Thread.sleep(25);
        }
        if (!gw.gateway().tunnelServer().orElseThrow().proxyNames().contains(name)) {
            client.close();
            throw new AssertionError("proxy [" + name + "] not bound within 10 s");
        }
        return client;
    }
}
