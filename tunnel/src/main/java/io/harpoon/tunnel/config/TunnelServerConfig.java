package io.harpoon.tunnel.config;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.mux.YamuxConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of the FRP server, defaults as HaRP configures frps (harp-contract.md §11.1, spec/frp-wire.md §12).
 *
 * <table>
 *   <caption>Limits and timeouts</caption>
 *   <tr><th>Setting</th><th>Default</th></tr>
 *   <tr><td>{@code maxPortsPerClient}</td><td>1 (0 = unlimited)</td></tr>
 *   <tr><td>{@code maxPoolCount}</td><td>{@value #DEFAULT_MAX_POOL_COUNT} (frps {@code transport.maxPoolCount})</td></tr>
 *   <tr><td>{@code firstMessageTimeout}</td><td>10 s (also the first-byte deadline)</td></tr>
 *   <tr><td>{@code userConnTimeout}</td><td>10 s: wait for a work connection</td></tr>
 *   <tr><td>{@code heartbeatTimeout}</td><td>90 s, only for controls without mux</td></tr>
 * </table>
 *
 * @param bind where frpc connects (8782 in HaRP)
 * @param proxyBindAddress where tcp proxies listen ("127.0.0.1" in HaRP)
 * @param allowPorts remote ports clients may bind; empty = any
 * @param token frp {@code auth.token}; "" in HaRP
 * @param sharedKey when non-null, Login must carry {@code metas.token} equal to it (HaRP's hook rule)
 * @param tls server TLS context (client-certificate verification configured in it), or null for plain only
 * @param tlsForced refuse plain connections
 * @param authScopes messages besides Login whose privilege key is checked (frps {@code auth.additionalScopes})
 */
public record TunnelServerConfig(
        InetSocketAddress bind,
        String proxyBindAddress,
        List<PortRange> allowPorts,
        int maxPortsPerClient,
        int maxPoolCount,
        String token,
        String sharedKey,
        SslContext tls,
        boolean tlsForced,
        YamuxConfig yamux,
        Duration firstMessageTimeout,
        Duration userConnTimeout,
        Duration heartbeatTimeout,
        String serverVersion,
        Set<AuthScope> authScopes) {

    public static final int DEFAULT_MAX_POOL_COUNT = 5;
    /** Version string in LoginResp (the frps release this server matches). */
    public static final String SERVER_VERSION = "0.70.1";

    public TunnelServerConfig {
        requireNonNull(bind, "bind");
        requireNonNull(proxyBindAddress, "proxyBindAddress");
        allowPorts = List.copyOf(requireNonNull(allowPorts, "allowPorts"));
        requireNonNull(token, "token");
        requireNonNull(yamux, "yamux");
        requireNonNull(firstMessageTimeout, "firstMessageTimeout");
        requireNonNull(userConnTimeout, "userConnTimeout");
        requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        requireNonNull(serverVersion, "serverVersion");
        authScopes = authScopes == null || authScopes.isEmpty() ? Set.of() : Set.copyOf(authScopes);
        if (maxPortsPerClient < 0) {
            throw new IllegalArgumentException("maxPortsPerClient: " + maxPortsPerClient + " (expected: >= 0)");
        }
        if (maxPoolCount < 0) {
            throw new IllegalArgumentException("maxPoolCount: " + maxPoolCount + " (expected: >= 0)");
        }
        if (tlsForced && tls == null) {
            throw new IllegalArgumentException("tlsForced: true (expected: a TLS context)");
        }
        if (yamux.client()) {
            throw new IllegalArgumentException("yamux.client: true (expected: server-side yamux settings)");
        }
    }

    /** HaRP's frps: mTLS forced, shared-key check, empty token, allowPorts 23000-24099, one port per client. */
    public static TunnelServerConfig harp(InetSocketAddress bind, String sharedKey, SslContext tls) {
        return new TunnelServerConfig(bind, "127.0.0.1", PortRange.harp(), 1, DEFAULT_MAX_POOL_COUNT, "",
                requireNonNull(sharedKey, "sharedKey"), tls, tls != null, YamuxConfig.serverDefaults(),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(90), SERVER_VERSION, Set.of());
    }

    public TunnelServerConfig withAllowPorts(List<PortRange> ports) {
        return new TunnelServerConfig(bind, proxyBindAddress, ports, maxPortsPerClient, maxPoolCount, token, sharedKey,
                tls, tlsForced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout,
                serverVersion, authScopes);
    }

    public TunnelServerConfig withMaxPortsPerClient(int n) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, n, maxPoolCount, token, sharedKey,
                tls, tlsForced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout,
                serverVersion, authScopes);
    }

    public TunnelServerConfig withToken(String t) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, t,
                sharedKey, tls, tlsForced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout,
                serverVersion, authScopes);
    }

    public TunnelServerConfig withTls(SslContext ctx, boolean forced) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, token,
                sharedKey, ctx, forced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout,
                serverVersion, authScopes);
    }

    public TunnelServerConfig withYamux(YamuxConfig y) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, token,
                sharedKey, tls, tlsForced, y, firstMessageTimeout, userConnTimeout, heartbeatTimeout,
                serverVersion, authScopes);
    }

    public TunnelServerConfig withTimeouts(Duration firstMessage, Duration userConn, Duration heartbeat) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, token,
                sharedKey, tls, tlsForced, yamux, firstMessage, userConn, heartbeat, serverVersion, authScopes);
    }

    public TunnelServerConfig withBind(InetSocketAddress b) {
        return new TunnelServerConfig(b, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, token,
                sharedKey, tls, tlsForced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout, serverVersion,
                authScopes);
    }

    public TunnelServerConfig withAuthScopes(Set<AuthScope> scopes) {
        return new TunnelServerConfig(bind, proxyBindAddress, allowPorts, maxPortsPerClient, maxPoolCount, token,
                sharedKey, tls, tlsForced, yamux, firstMessageTimeout, userConnTimeout, heartbeatTimeout, serverVersion,
                scopes);
    }

    public boolean portAllowed(int port) {
        if (allowPorts.isEmpty()) {
            return port > 0 && port <= 65535;
        }
        for (PortRange r : allowPorts) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // Never print the token or the shared key.
        return "TunnelServerConfig[bind=" + bind + ", proxyBindAddress=" + proxyBindAddress + ", allowPorts="
                + allowPorts + ", maxPortsPerClient=" + maxPortsPerClient + ", tls=" + (tls != null)
                + ", tlsForced=" + tlsForced + ", sharedKey=" + (sharedKey == null ? "off" : "set") + "]";
    }
}
