package io.harpoon.tunnel.server;

import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in frpc: its control stream, its proxies and its pool of parked work connections
 * (spec/frp-wire.md §10). Pool and waiter operations are synchronized because user connections arrive on other
 * event loops. Closing it unbinds every proxy, drops the pool and forgets the run id.
 */
final class ClientControl {
    private static final Logger LOG = LoggerFactory.getLogger(ClientControl.class);
    /** frps keeps up to poolCount + 10 parked work connections. */
    static final int POOL_SLACK = 10;

    private final TunnelServer server;
    private final String runId;
    private final Channel control;
    private final boolean mux;
    private final int poolCount;
    private final InetSocketAddress address;
    private final Map<String, TcpTunnelProxy> proxies = new LinkedHashMap<>();
    private final ArrayDeque<Channel> pool = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Channel>> waiters = new ArrayDeque<>();
    private boolean closed;

    ClientControl(TunnelServer server, String runId, Channel control, boolean mux, int poolCount,
            InetSocketAddress address) {
        this.server = server;
        this.runId = runId;
        this.control = control;
        this.mux = mux;
        this.poolCount = poolCount;
        this.address = address;
    }

    TunnelServer server() {
        return server;
    }

    String runId() {
        return runId;
    }

    int poolCount() {
        return poolCount;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Warms the pool: ReqWorkConn x poolCount. */
    void start() {
        for (int i = 0; i < poolCount; i++) {
            requestWorkConn();
        }
    }

    void requestWorkConn() {
        if (control.isActive()) {
            control.writeAndFlush(new FrpMessage.ReqWorkConn());
        }
    }

    void reply(FrpMessage msg) {
        control.writeAndFlush(msg);
    }

    // ---- proxies ----

    void newProxy(FrpMessage.NewProxy np) {
        String name = np.proxyName();
        String error = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (name == null || name.isEmpty()) {
                error = "proxy name is empty";
            } else if (!"tcp".equals(np.proxyType())) {
                error = "proxy type [" + np.proxyType() + "] is not supported";
            } else if (proxies.containsKey(name)) {
                error = "proxy [" + name + "] is already registered by this client";
            } else if (server.config().maxPortsPerClient() > 0
                    && proxies.size() >= server.config().maxPortsPerClient()) {
                error = "exceed the max_ports_per_client";
            } else if (np.remotePort() != 0 && !server.config().portAllowed(np.remotePort())) {
                error = "port [" + np.remotePort() + "] is not allowed";
            } else if (np.remotePort() < 0 || np.remotePort() > 65535) {
                error = "port [" + np.remotePort() + "] is not valid";
            }
            if (error == null) {
                TcpTunnelProxy p = new TcpTunnelProxy(this, name, np.remotePort(), np.useEncryption(),
                        np.useCompression());
                proxies.put(name, p);
                server.bindProxy(p).whenComplete((port, failure) -> {
                    Throwable err = TunnelServer.unwrap(failure);
                    if (err != null) {
                        synchronized (this) {
                            proxies.remove(name, p);
                        }
                        LOG.info("frp client {} proxy [{}] refused: {}", address, name, err.getMessage());
                        reply(new FrpMessage.NewProxyResp(name, null, err.getMessage()));
                    } else {
                        LOG.info("frp client {} tcp proxy [{}] listen port [{}]", address, name, port);
                        reply(new FrpMessage.NewProxyResp(name, ":" + port, null));
                    }
                });
                return;
            }
        }
        LOG.info("frp client {} proxy [{}] refused: {}", address, name, error);
        reply(new FrpMessage.NewProxyResp(name, null, error));
    }

    void closeProxy(String name) {
        TcpTunnelProxy p;
        synchronized (this) {
            p = proxies.remove(name);
        }
        if (p != null) {
            p.close();
        }
    }

    // ---- work connection pool ----

    /** A client's NewWorkConn stream: hand it to a waiting user or park it. False when the pool is full. */
    boolean offer(Channel work) {
        CompletableFuture<Channel> waiter;
        synchronized (this) {
            if (closed) {
                return false;
            }
            waiter = null;
            while (!waiters.isEmpty()) {
                CompletableFuture<Channel> w = waiters.poll();
                if (!w.isDone()) {
                    waiter = w;
                    break;
                }
            }
            if (waiter == null) {
                if (pool.size() >= poolCount + POOL_SLACK) {
                    return false;
                }
                pool.add(work);
                work.closeFuture().addListener(f -> {
                    synchronized (this) {
                        pool.remove(work);
                    }
                });
                return true;
            }
        }
        if (!waiter.complete(work)) {
            return offer(work);
        }
        return true;
    }

    /**
     * A work connection for a user connection: a parked one at once, else after a ReqWorkConn, failing after
     * {@code userConnTimeout}. Either way one more ReqWorkConn replenishes the pool.
     */
    CompletableFuture<Channel> take() {
        CompletableFuture<Channel> f = new CompletableFuture<>();
        boolean wait;
        synchronized (this) {
            if (closed) {
                f.completeExceptionally(new IllegalStateException("client " + runId + " is gone"));
                return f;
            }
            Channel ch = null;
            while (!pool.isEmpty() && ch == null) {
                Channel c = pool.poll();
                if (c.isActive()) {
                    ch = c;
                }
            }
            wait = ch == null;
            if (wait) {
                waiters.add(f);
            } else {
                f.complete(ch);
            }
        }
        if (wait) {
            requestWorkConn();
            long ms = server.config().userConnTimeout().toMillis();
            control.eventLoop().schedule(() -> f.completeExceptionally(
                    new TimeoutException("no work connection within " + ms + " ms")), ms, TimeUnit.MILLISECONDS);
        }
        requestWorkConn();
        return f;
    }

    synchronized int parked() {
        return pool.size();
    }

    synchronized List<TcpTunnelProxy> proxies() {
        return new ArrayList<>(proxies.values());
    }

    /** Ends this client: unbind proxies, drop parked work conns, fail waiters, close the control (and session). */
    void close(String reason) {
        List<TcpTunnelProxy> ps;
        List<Channel> parked;
        List<CompletableFuture<Channel>> ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ps = new ArrayList<>(proxies.values());
            proxies.clear();
            parked = new ArrayList<>(pool);
            pool.clear();
            ws = new ArrayList<>(waiters);
            waiters.clear();
        }
        LOG.info("frp client {} run id [{}] closed: {}", address, runId, reason);
        ps.forEach(TcpTunnelProxy::close);
        parked.forEach(Channel::close);
        ws.forEach(w -> w.completeExceptionally(new IllegalStateException("client closed: " + reason)));
        server.controlClosed(this);
        control.close();
        if (mux) {
            // Work streams of a dead control are useless; frpc reconnects with a new session.
            TunnelServer.transportOf(control).close();
        }
    }

    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }
}
