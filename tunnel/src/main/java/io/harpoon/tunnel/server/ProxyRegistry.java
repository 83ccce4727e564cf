package io.harpoon.tunnel.server;

import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import io.harpoon.tunnel.api.ProxyListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every bound tcp proxy of the server, by wire name and by port, and the listeners on
 * {@code proxyBindAddress:remotePort}. Names and ports are unique across clients (C26); {@code remote_port = 0}
 * picks a random free port from the allow-list.
 */
final class ProxyRegistry {
    /** Candidate ports tried for {@code remote_port = 0}. */
    static final int MAX_RANDOM_PORT_TRIES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TunnelServerConfig config;
    private final EventLoopGroup group;
    private final TunnelMetrics metrics;
    private final Map<String, TcpTunnelProxy> byName = new ConcurrentHashMap<>();
    private final Map<Integer, TcpTunnelProxy> byPort = new ConcurrentHashMap<>();
    private final List<ProxyListener> listeners = new CopyOnWriteArrayList<>();
    /** Listeners being closed, by port, so a re-registration waits for the port to be free. */
    private final Map<Integer, ChannelFuture> closing = new ConcurrentHashMap<>();

    ProxyRegistry(TunnelServerConfig config, EventLoopGroup group, TunnelMetrics metrics) {
        this.config = config;
        this.group = group;
        this.metrics = metrics;
    }

    void addListener(ProxyListener l) {
        listeners.add(l);
    }

    private void notify(boolean bound, TcpTunnelProxy p) {
        for (ProxyListener l : listeners) {
            try {
                if (bound) {
                    l.proxyBound(p.name, p.port, p.owner.runId());
                } else {
                    l.proxyUnbound(p.name, p.port, p.owner.runId());
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ProxyRegistry.class).warn("proxy listener failed: {}", e.toString());
            }
        }
    }

    TcpTunnelProxy byName(String name) {
        return byName.get(name);
    }

    TcpTunnelProxy byPort(int port) {
        return byPort.get(port);
    }

    Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    /** Binds a proxy's listener; completes with the port or fails with the error text for NewProxyResp. */
    CompletableFuture<Integer> bind(TcpTunnelProxy p) {
        if (byName.putIfAbsent(p.name, p) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("proxy [" + p.name
                    + "] is already in use"));
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (p.requestedPort != 0) {
            bindPort(p, p.requestedPort, result, null);
        } else if (config.allowPorts().isEmpty()) {
            bindPort(p, 0, result, null);
        } else {
            bindRandom(p, result, 0);
        }
        return result.whenComplete((port, err) -> {
            if (err != null) {
                byName.remove(p.name, p);
            } else {
                metrics.proxies.incrementAndGet();
                notify(true, p);
                if (p.owner.isClosed()) {
                    unbind(p);
                }
            }
        });
    }

    private void bindRandom(TcpTunnelProxy p, CompletableFuture<Integer> result, int tries) {
        int total = 0;
        for (PortRange r : config.allowPorts()) {
            total += r.to() - r.from() + 1;
        }
        if (tries >= MAX_RANDOM_PORT_TRIES) {
            result.completeExceptionally(new IllegalStateException("no free port in " + config.allowPorts()));
            return;
        }
        int n = RANDOM.nextInt(total);
        int port = 0;
        for (PortRange r : config.allowPorts()) {
            int size = r.to() - r.from() + 1;
            if (n < size) {
                port = r.from() + n;
                break;
            }
            n -= size;
        }
        bindPort(p, port, result, () -> bindRandom(p, result, tries + 1));
    }

    private void bindPort(TcpTunnelProxy p, int port, CompletableFuture<Integer> result, Runnable onBusy) {
        if (port != 0 && byPort.putIfAbsent(port, p) != null) {
            if (onBusy != null) {
                onBusy.run();
            } else {
                result.completeExceptionally(new IllegalStateException("port [" + port + "] is already used"));
            }
            return;
        }
        ChannelFuture closing = port == 0 ? null : this.closing.get(port);
        if (closing != null && !closing.isDone()) {
            // A replaced client's listener on this port is still closing: bind once it is gone.
            closing.addListener(f -> listen(p, port, result, onBusy));
        } else {
            listen(p, port, result, onBusy);
        }
    }

    private void listen(TcpTunnelProxy p, int port, CompletableFuture<Integer> result, Runnable onBusy) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        p.onUserConnection(ch);
                    }
                });
        b.bind(config.proxyBindAddress(), port).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                int bound = ((InetSocketAddress) f.channel().localAddress()).getPort();
                p.listener = f.channel();
                p.port = bound;
                byPort.put(bound, p);
                result.complete(bound);
            } else {
                if (port != 0) {
                    byPort.remove(port, p);
                }
                if (onBusy != null) {
                    onBusy.run();
                } else {
                    result.completeExceptionally(new IllegalStateException("port [" + port + "] unavailable: "
                            + f.cause().getMessage()));
                }
            }
        });
    }

    void unbind(TcpTunnelProxy p) {
        boolean removed = byName.remove(p.name, p);
        if (p.port != 0) {
            byPort.remove(p.port, p);
        }
        Channel l = p.listener;
        if (l != null) {
            ChannelFuture cf = l.close();
            int port = p.port;
            closing.put(port, cf);
            cf.addListener(f -> closing.remove(port, cf));
        }
        if (removed && l != null) {
            metrics.proxies.decrementAndGet();
            notify(false, p);
        }
    }
}
