package io.harpoon.tunnel.server;

import io.harpoon.tunnel.internal.Relay;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code tcp} proxy: a listener on {@code proxyBindAddress:remotePort}; every user connection gets a work
 * connection from the owner's pool and is spliced to it (spec/frp-wire.md §10 steps 5–7).
 */
final class TcpTunnelProxy {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTunnelProxy.class);

    final ClientControl owner;
    final String name;
    final int requestedPort;
    final boolean useEncryption;
    final boolean useCompression;
    volatile int port;
    volatile Channel listener;
    private volatile boolean closed;

    TcpTunnelProxy(ClientControl owner, String name, int requestedPort, boolean useEncryption,
            boolean useCompression) {
        this.owner = owner;
        this.name = name;
        this.requestedPort = requestedPort;
        this.useEncryption = useEncryption;
        this.useCompression = useCompression;
    }

    void onUserConnection(SocketChannel user) {
        user.config().setAutoRead(false);
        TunnelServer server = owner.server();
        connect(user.remoteAddress(), user.localAddress(), 0).whenComplete((work, failure) -> {
            Throwable err = TunnelServer.unwrap(failure);
            if (err != null) {
                LOG.info("user connection {} to proxy [{}] closed: {}", user.remoteAddress(), name,
                        err.getMessage());
                user.close();
                return;
            }
            if (!user.isActive()) {
                work.close();
                return;
            }
            Relay.link(user, work, server.metrics().bytesToClient, server.metrics().bytesFromClient);
        });
    }

    /** A started work connection (StartWorkConn sent, codecs installed), retrying dead pooled streams. */
    CompletableFuture<Channel> connect(InetSocketAddress src, InetSocketAddress dst, int attempt) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("proxy [" + name + "] is closed"));
        }
        return owner.take().thenCompose(work -> owner.server().startWork(work, this, src, dst))
                .exceptionallyCompose(err -> {
                    Throwable c = TunnelServer.unwrap(err);
                    if (c instanceof TunnelServer.DeadWorkConnException && attempt < owner.poolCount() + 1) {
                        return connect(src, dst, attempt + 1);
                    }
                    return CompletableFuture.failedFuture(c);
                });
    }

    void close() {
        closed = true;
        owner.server().unbindProxy(this);
    }
}
