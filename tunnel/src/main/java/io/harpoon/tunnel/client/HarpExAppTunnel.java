package io.harpoon.tunnel.client;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The frpc configuration HaRP's ExApp entrypoint writes (harp-contract.md §11.4, exapps_dev/start.sh), from the
 * environment AppAPI injects: {@code HP_FRP_ADDRESS} (host), {@code HP_FRP_PORT} (default 8782),
 * {@code HP_SHARED_KEY} (sent as {@code metas.token}), {@code APP_ID} (proxy name), {@code APP_PORT} (remote port) and
 * {@code HP_EXAPP_SOCK} (unix socket, default {@code /tmp/exapp.sock}). TLS with {@code client.crt}/{@code client.key}/
 * {@code ca.crt} and server name harp.nc only when the certificate folder ({@code $HP_CERTS_DIR/frp}, default
 * {@code /certs/frp}) exists, plain TCP otherwise; {@code loginFailExit = false}.
 */
public final class HarpExAppTunnel {
    public static final String DEFAULT_SOCKET = "/tmp/exapp.sock";
    public static final int DEFAULT_FRP_PORT = 8782;

    private HarpExAppTunnel() {
    }

    public static TunnelClientConfig clientConfig(Map<String, String> env) throws SSLException {
        requireNonNull(env, "env");
        String host = required(env, "HP_FRP_ADDRESS");
        int frpPort = port(env.getOrDefault("HP_FRP_PORT", Integer.toString(DEFAULT_FRP_PORT)), "HP_FRP_PORT");
        String sharedKey = required(env, "HP_SHARED_KEY");
        String appId = required(env, "APP_ID");
        int appPort = port(required(env, "APP_PORT"), "APP_PORT");
        String base = env.get("HP_CERTS_DIR");
        Path certs = Path.of(base == null || base.isBlank() ? "/certs" : base, "frp");
        SslContext tls = Files.isDirectory(certs) ? TunnelTls.harpClient(certs) : null;
        Path socket = Path.of(env.getOrDefault("HP_EXAPP_SOCK", DEFAULT_SOCKET));
        return TunnelClientConfig.harp(new InetSocketAddress(host, frpPort), tls, sharedKey,
                List.of(ProxySpec.unixSocket(appId, appPort, socket)));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": " + (v == null ? "unset" : "empty") + " (expected: a value)");
        }
        return v.trim();
    }

    private static int port(String v, String name) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p > 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + v + " (expected: 1..65535)");
    }
}
