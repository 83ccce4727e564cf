package io.harpoon.tunnel.config;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.mux.YamuxConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the Java frpc (frp v1 client), defaults as frpc 0.61.1 with HaRP's configuration.
 *
 * @param server frps address
 * @param tls client TLS context (client certificate and CA configured in it), or null for plain TCP
 * @param serverName SNI and verified name ("harp.nc" for HaRP)
 * @param customTlsFirstByte send frp's 0x17 marker before the ClientHello (frpc before 0.50)
 * @param tcpMux carry all connections over one yamux session (frpc default)
 * @param token frp auth token ("" in HaRP)
 * @param metas Login metas (HaRP: {"token": shared key})
 * @param poolCount work connections asked to be pre-opened
 * @param proxies tcp proxies to register after each login
 * @param initialBackoff first reconnect delay (frpc: 1 s, doubling)
 * @param maxBackoff reconnect delay cap (frpc: 20 s)
 * @param loginFailExit give up if the very first login is refused
 * @param heartbeatInterval application Ping interval without mux (frpc: 30 s)
 */
public record TunnelClientConfig(
        InetSocketAddress server,
        SslContext tls,
        String serverName,
        boolean customTlsFirstByte,
        boolean tcpMux,
        String token,
        Map<String, String> metas,
        int poolCount,
        List<ProxySpec> proxies,
        Duration initialBackoff,
        Duration maxBackoff,
        boolean loginFailExit,
        Duration heartbeatInterval,
        YamuxConfig yamux,
        String version,
        String hostname) {

    /** The frpc release whose Login this client imitates. */
    public static final String CLIENT_VERSION = "0.61.1";

    public TunnelClientConfig {
        requireNonNull(server, "server");
        requireNonNull(token, "token");
        metas = Map.copyOf(requireNonNull(metas, "metas"));
        proxies = List.copyOf(requireNonNull(proxies, "proxies"));
        requireNonNull(initialBackoff, "initialBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        requireNonNull(heartbeatInterval, "heartbeatInterval");
        requireNonNull(yamux, "yamux");
        requireNonNull(version, "version");
        if (poolCount < 0) {
            throw new IllegalArgumentException("poolCount: " + poolCount + " (expected: >= 0)");
        }
        if (!yamux.client()) {
            throw new IllegalArgumentException("yamux.client: false (expected: client-side yamux settings)");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff: " + initialBackoff + ".." + maxBackoff
                    + " (expected: 0 < initial <= max)");
        }
    }

    /** HaRP's ExApp frpc: TLS with serverName harp.nc, metas.token = shared key, empty token, pool 1. */
    public static TunnelClientConfig harp(InetSocketAddress server, SslContext tls, String sharedKey,
            List<ProxySpec> proxies) {
        return new TunnelClientConfig(server, tls, "harp.nc", false, true, "", Map.of("token", sharedKey), 1,
                proxies, Duration.ofSeconds(1), Duration.ofSeconds(20), false, Duration.ofSeconds(30),
                YamuxConfig.clientDefaults(), CLIENT_VERSION, null);
    }

    public TunnelClientConfig withBackoff(Duration initial, Duration max) {
        return new TunnelClientConfig(server, tls, serverName, customTlsFirstByte, tcpMux, token, metas, poolCount,
                proxies, initial, max, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withProxies(List<ProxySpec> p) {
        return new TunnelClientConfig(server, tls, serverName, customTlsFirstByte, tcpMux, token, metas, poolCount,
                p, initialBackoff, maxBackoff, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withTransport(SslContext t, boolean marker, boolean mux) {
        return new TunnelClientConfig(server, t, serverName, marker, mux, token, metas, poolCount, proxies,
                initialBackoff, maxBackoff, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withAuth(String t, Map<String, String> m) {
        return new TunnelClientConfig(server, tls, serverName, customTlsFirstByte, tcpMux, t, m, poolCount, proxies,
                initialBackoff, maxBackoff, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withServer(InetSocketAddress s) {
        return new TunnelClientConfig(s, tls, serverName, customTlsFirstByte, tcpMux, token, metas, poolCount,
                proxies, initialBackoff, maxBackoff, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withPoolCount(int n) {
        return new TunnelClientConfig(server, tls, serverName, customTlsFirstByte, tcpMux, token, metas, n,
                proxies, initialBackoff, maxBackoff, loginFailExit, heartbeatInterval, yamux, version, hostname);
    }

    public TunnelClientConfig withLoginFailExit(boolean exit) {
        return new TunnelClientConfig(server, tls, serverName, customTlsFirstByte, tcpMux, token, metas, poolCount,
                proxies, initialBackoff, maxBackoff, exit, heartbeatInterval, yamux, version, hostname);
    }

    @Override
    public String toString() {
        return "TunnelClientConfig[server=" + server + ", tls=" + (tls != null) + ", serverName=" + serverName
                + ", tcpMux=" + tcpMux + ", proxies=" + proxies.size() + "]";
    }
}
