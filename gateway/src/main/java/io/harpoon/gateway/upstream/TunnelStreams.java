package io.harpoon.gateway.upstream;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the tunnel module (frp server) offers the gateway: for an frpc proxy registered with {@code remotePort},
 * the loopback listener that carries its streams, exactly as frps binds {@code proxyBindAddr=127.0.0.1} (spec
 * §11.1). Empty when no frpc currently serves that port.
 *
 * <p>The tunnel plugs in by implementing this one method; {@link #NOT_CONNECTED} is used until it does.
 */
@FunctionalInterface
public interface TunnelStreams {
    /** No tunnel server in this process: every FRP-mode ExApp is unavailable ({@code 503}, as HaRP without frpc). */
    TunnelStreams NOT_CONNECTED = remotePort -> Optional.empty();

    Optional<InetSocketAddress> listener(int remotePort);
}
