package io.harpoon.gateway.engines;

import static java.util.Objects.requireNonNull;

import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.tunnel.api.TunnelStreams;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's in-process streams: port {@value EngineRegistry#LOCAL_PORT} is the bundled local engine, dialled
 * straight from its socket (spec §16 Q26: no bundled frpc, no loopback listener); every other port is the FRP
 * server's. Streams are handed over with auto-read off, as {@link TunnelStreams} promises.
 */
public final class EngineStreams implements TunnelStreams {
    private final TunnelStreams frp;
    private final EngineRegistry engines;

    public EngineStreams(TunnelStreams frp, EngineRegistry engines) {
        this.frp = requireNonNull(frp, "frp");
        this.engines = requireNonNull(engines, "engines");
    }

    @Override
    public CompletableFuture<Channel> openStream(String proxyName, InetSocketAddress source) {
        return frp.openStream(proxyName, source);
    }

    @Override
    public CompletableFuture<Channel> openStream(int remotePort, InetSocketAddress source) {
        Optional<Engine> local = remotePort == EngineRegistry.LOCAL_PORT ? engines.engine(remotePort)
                .filter(e -> !e.source().startsWith("tunnel")) : Optional.empty();
        return local.isPresent() ? local.get().dialer().open() : frp.openStream(remotePort, source);
    }
}
