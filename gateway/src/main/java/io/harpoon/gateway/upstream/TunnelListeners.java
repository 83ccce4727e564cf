package io.harpoon.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.api.ProxyListener;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TunnelStreams} from the built-in FRP server's proxy events: a remote port is reachable while an frpc proxy
 * is bound on it, at {@code proxyBindAddr:port} (HaRP: {@code 127.0.0.1}, spec §11.1), exactly where HAProxy would
 * dial frps' listener. Registered with {@code TunnelServer#addProxyListener}; events arrive on event loops.
 */
public final class TunnelListeners implements TunnelStreams, ProxyListener {
    private final String bindAddress;
    /** remote port → proxy name; a port is bound by at most one proxy at a time. */
    private final Map<Integer, String> bound = new ConcurrentHashMap<>();

    public TunnelListeners(String bindAddress) {
        this.bindAddress = requireNonNull(bindAddress, "bindAddress");
    }

    @Override
    public Optional<InetSocketAddress> listener(int remotePort) {
        return bound.containsKey(remotePort)
                ? Optional.of(new InetSocketAddress(bindAddress, remotePort)) : Optional.empty();
    }

    @Override
    public void proxyBound(String name, int port, String runId) {
        bound.put(port, name);
    }

    @Override
    public void proxyUnbound(String name, int port, String runId) {
        bound.remove(port, name);
    }

    /** Name of the proxy on {@code remotePort}, if any (diagnostics). */
    public Optional<String> proxyOn(int remotePort) {
        return Optional.ofNullable(bound.get(remotePort));
    }
}
