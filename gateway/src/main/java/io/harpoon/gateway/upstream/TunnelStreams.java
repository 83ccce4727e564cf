package io.harpoon.gateway.upstream;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the tunnel module (frp server) offers the gateway: for an frpc proxy registered with {@code remotePort},
 * the loopback listener that carries its streams, exactly as frps binds {@code proxyBindAddr=127.0.0.1} (spec
 * §11.1). Empty when no frpc currently serves that port.
 *
 * <p>With the built-in FRP server ({@code Gateway.start(GatewayConfig)}) the HTTP relay opens in-process streams
 * instead and this seam ({@link TunnelListeners}) is only the fallback; tests and external frps deployments plug in
 * their own. {@link #NOT_CONNECTED}: no tunnel at all.
 */
@FunctionalInterface
public interface TunnelStreams {
    /** No tunnel server in this process: every FRP-mode ExApp is unavailable ({@code 503}, as HaRP without frpc). */
    TunnelStreams NOT_CONNECTED = remotePort -> Optional.empty();

    Optional<InetSocketAddress> listener(int remotePort);
}
