package io.harpoon.gateway.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.harpoon.tunnel.api.TunnelStreams;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to upstreams, one pool per event loop so that a relay's two channels always share a
 * thread (no locking, no cross-thread hand-off). Idle connections read so that a server-side close is noticed.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><td>{@link #MAX_IDLE_PER_ADDRESS}</td><td>32 idle connections per upstream address and event loop</td></tr>
 *   <tr><td>{@link #MAX_IDLE_NANOS}</td><td>an idle connection older than 4 s is closed instead of reused: below
 *       uvicorn's 5 s keep-alive (nc_py_api ExApps), so a reuse never races the server's own idle close</td></tr>
 * </table>
 */
final class UpstreamPools {
    static final int MAX_IDLE_PER_ADDRESS = 32;
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** Upstream response chunks are relayed in pieces of at most this size. */
    static final int MAX_CHUNK = 65536;
    /** Set on a channel handed out from the pool (cleared by the exchange that takes it). */
    static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("harpoon.upstream.reused");

    private final Duration connectTimeout;
    private final Duration serverTimeout;
    private final Map<EventLoop, Map<InetSocketAddress, ArrayDeque<Idle>>> pools = new ConcurrentHashMap<>();
    /** Idle tunnel streams by client event loop, then remote port (their handlers run on that loop). */
    private final Map<EventLoop, Map<Integer, ArrayDeque<Idle>>> tunnels = new ConcurrentHashMap<>();

    UpstreamPools(Duration connectTimeout, Duration serverTimeout) {
        this.connectTimeout = connectTimeout;
        this.serverTimeout = serverTimeout;
    }

    /** A pooled channel ({@code isDone()} already) or a connect in progress, on {@code loop}. */
    ChannelFuture acquire(EventLoop loop, InetSocketAddress address) {
        ArrayDeque<Idle> q = pools.computeIfAbsent(loop, l -> new HashMap<>()).get(address);
        while (q != null && !q.isEmpty()) {
            Idle idle = q.pollLast();
            if (idle.channel.isActive() && System.nanoTime() - idle.since < MAX_IDLE_NANOS) {
                idle.channel.attr(REUSED).set(Boolean.TRUE);
                return idle.channel.newSucceededFuture();
            }
            idle.channel.close();
        }
        return connect(loop, address);
    }

    /** A fresh connection, never a pooled one (retry after a reused connection died). */
    ChannelFuture connect(EventLoop loop, InetSocketAddress address) {
        return new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PipelineNames.CODEC, new HttpClientCodec(4096, 65536, MAX_CHUNK));
                        ch.pipeline().addLast(PipelineNames.IDLE,
                                new IdleStateHandler(0, 0, serverTimeout.toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(PipelineNames.BACKEND, new BackendHandler());
                    }
                })
                .connect(address);
    }

    /**
     * An idle keep-alive stream to the proxy on {@code remotePort} (marked {@link #REUSED}), or a new one. Like
     * HAProxy's backend keep-alive toward frps' listener in HaRP: one yamux stream (frp work connection) carries
     * many requests to the ExApp instead of one stream per request. Must run on {@code loop}.
     */
    CompletableFuture<Channel> acquireTunnel(EventLoop loop, int remotePort, TunnelStreams streams) {
        ArrayDeque<Idle> q = tunnels.computeIfAbsent(loop, l -> new HashMap<>()).get(remotePort);
        while (q != null && !q.isEmpty()) {
            Idle idle = q.pollLast();
            if (idle.channel.isActive() && System.nanoTime() - idle.since < MAX_IDLE_NANOS) {
                idle.channel.attr(REUSED).set(Boolean.TRUE);
                return CompletableFuture.completedFuture(idle.channel);
            }
            idle.channel.close();
        }
        return openTunnel(loop, remotePort, streams);
    }

    /**
     * Returns a tunnel stream after a complete keep-alive exchange; must run on {@code loop} (the client's, where
     * its handlers run). Same limits as TCP: {@link #MAX_IDLE_PER_ADDRESS} per port and loop, {@link #MAX_IDLE_NANOS}.
     */
    void releaseTunnel(EventLoop loop, int remotePort, Channel ch) {
        ArrayDeque<Idle> q = tunnels.computeIfAbsent(loop, l -> new HashMap<>())
                .computeIfAbsent(remotePort, p -> new ArrayDeque<>());
        if (!ch.isActive() || q.size() >= MAX_IDLE_PER_ADDRESS) {
            ch.close();
            return;
        }
        ch.pipeline().get(BackendHandler.class).detach();
        q.addLast(new Idle(ch, System.nanoTime()));
        ch.read(); // notice the ExApp (or frpc) closing it while idle
    }

    /**
     * A new stream through the built-in FRP server to the proxy on {@code remotePort}, with the same HTTP client
     * handlers as a TCP upstream. The stream lives on its tunnel session's event loop; the handlers run on
     * {@code loop}, the client's, so the exchange still sees every upstream event on its own thread.
     */
    CompletableFuture<Channel> openTunnel(EventLoop loop, int remotePort, TunnelStreams streams) {
        return streams.openStream(remotePort).thenApply(ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast(PipelineNames.DEFER_READ, new DeferredRead());
            p.addLast(loop, PipelineNames.CODEC, new HttpClientCodec(4096, 65536, MAX_CHUNK));
            p.addLast(loop, PipelineNames.IDLE,
                    new IdleStateHandler(0, 0, serverTimeout.toMillis(), TimeUnit.MILLISECONDS));
            p.addLast(loop, PipelineNames.BACKEND, new BackendHandler());
            return ch;
        });
    }

    /** Returns a healthy channel after a complete exchange; must run on {@code ch.eventLoop()}. */
    void release(Channel ch, InetSocketAddress address) {
        Map<InetSocketAddress, ArrayDeque<Idle>> byAddress = pools.computeIfAbsent(ch.eventLoop(), l -> new HashMap<>());
        ArrayDeque<Idle> q = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        if (!ch.isActive() || q.size() >= MAX_IDLE_PER_ADDRESS) {
            ch.close();
            return;
        }
        ch.pipeline().get(BackendHandler.class).detach();
        q.addLast(new Idle(ch, System.nanoTime())); // closed ones are skipped and dropped by acquire
        ch.read(); // notice a close or unexpected bytes while idle
    }

    private record Idle(Channel channel, long since) {
    }
}
