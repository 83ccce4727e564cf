package io.harpoon.tunnel.server;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * HaRP's FRP settings from its environment (harp-contract.md §4, §11): {@code HP_FRP_ADDRESS} (default
 * {@code 0.0.0.0:8782}), {@code HP_FRP_DISABLE_TLS} (default false), {@code HP_CERTS_DIR} (default {@code /certs};
 * certificates in its {@code frp} folder, generated when missing) and {@code HP_FRP_CERT_VALIDITY_DAYS}
 * (default 5000).
 */
public final class HarpTunnel {
    public static final String DEFAULT_ADDRESS = "0.0.0.0:8782";

    private HarpTunnel() {
    }

    /** The server configuration HaRP's start.sh would give frps; creates the certificates when TLS is on. */
    public static TunnelServerConfig serverConfig(Map<String, String> env, String sharedKey) throws SSLException {
        requireNonNull(env, "env");
        requireNonNull(sharedKey, "sharedKey");
        InetSocketAddress bind = parseAddress(env.getOrDefault("HP_FRP_ADDRESS", DEFAULT_ADDRESS));
        SslContext tls = null;
        if (!"true".equalsIgnoreCase(env.getOrDefault("HP_FRP_DISABLE_TLS", "false").trim())) {
            Path dir = certificateDirectory(env);
            HarpCertificates.ensure(dir, validityDays(env));
            tls = TunnelTls.harpServer(dir);
        }
        return TunnelServerConfig.harp(bind, sharedKey, tls);
    }

    /** {@code $HP_CERTS_DIR/frp}. */
    public static Path certificateDirectory(Map<String, String> env) {
        String base = env.get("HP_CERTS_DIR");
        return Path.of(base == null || base.isBlank() ? "/certs" : base, "frp");
    }

    static int validityDays(Map<String, String> env) {
        String v = env.get("HP_FRP_CERT_VALIDITY_DAYS");
        if (v == null || v.isBlank()) {
            return HarpCertificates.DEFAULT_VALIDITY_DAYS;
        }
        try {
            int d = Integer.parseInt(v.trim());
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("HP_FRP_CERT_VALIDITY_DAYS: " + v + " (expected: a positive integer)");
    }

    /** "host:port", "[v6]:port" or ":port" (all interfaces). */
    public static InetSocketAddress parseAddress(String value) {
        String v = requireNonNull(value, "value").trim();
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("HP_FRP_ADDRESS: " + value + " (expected: host:port)");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HP_FRP_ADDRESS: " + value + " (expected: host:port)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HP_FRP_ADDRESS port: " + port + " (expected: 0..65535)");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
