package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The environment AppAPI injects (spec/exapp-contract.md §6.1), validated once at start.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>rule</th></tr>
 *   <tr><td>APP_ID, APP_SECRET</td><td>required, non-empty</td></tr>
 *   <tr><td>APP_VERSION</td><td>default "0.0.0"</td></tr>
 *   <tr><td>APP_HOST</td><td>default 127.0.0.1 (AppAPI sends 0.0.0.0 on bridge networks)</td></tr>
 *   <tr><td>APP_PORT</td><td>required, 1..65535 (AppAPI uses 23000-23999); 0 binds an ephemeral port (tests)</td></tr>
 *   <tr><td>NEXTCLOUD_URL</td><td>optional; without it init progress is only logged</td></tr>
 *   <tr><td>APP_PERSISTENT_STORAGE</td><td>default /nc_app_&lt;APP_ID&gt;_data</td></tr>
 *   <tr><td>COMPUTE_DEVICE</td><td>CPU, CUDA or ROCM in any case; default CPU</td></tr>
 *   <tr><td>AA_VERSION</td><td>sent back as AA-VERSION; default 32</td></tr>
 *   <tr><td>HP_SHARED_KEY, HP_FRP_ADDRESS, HP_FRP_PORT</td><td>HaRP FRP mode when HP_SHARED_KEY is set</td></tr>
 *   <tr><td>HP_EXAPP_SOCK</td><td>socket in FRP mode; default /tmp/exapp.sock (nc_py_api's name)</td></tr>
 *   <tr><td>HP_CERTS_DIR</td><td>FRP mode: mutual TLS when the folder {@code $HP_CERTS_DIR/frp} exists (start.sh's
 *       {@code -d /certs/frp}); default /certs</td></tr>
 *   <tr><td>HARPOON_EXAPP_TUNNEL</td><td>FRP mode: {@code java} (default, the built-in tunnel client) or
 *       {@code external} (an frpc started by HaRP's start.sh carries the traffic)</td></tr>
 *   <tr><td>HARPOON_EXAPP_BACKEND</td><td>optional explicit backend: cpu, opencl, cuda, tornado</td></tr>
 * </table>
 *
 * {@link #toString()} never prints APP_SECRET or HP_SHARED_KEY.
 */
public record ExAppConfig(String appId, String appSecret, String appVersion, String appHost, int appPort,
                          Optional<String> nextcloudUrl, Path storage, String computeDevice, String aaVersion,
                          Optional<Frp> frp, String backend) {
    public static final String DEFAULT_SOCKET = "/tmp/exapp.sock";
    /** Parent of the {@code frp} certificate folder unless {@code HP_CERTS_DIR} says otherwise (HaRP's layout). */
    public static final String DEFAULT_CERTS_DIR = "/certs";

    public ExAppConfig {
        requireNonNull(appId, "appId");
        requireNonNull(appSecret, "appSecret");
        requireNonNull(appVersion, "appVersion");
        requireNonNull(appHost, "appHost");
        requireNonNull(nextcloudUrl, "nextcloudUrl");
        requireNonNull(storage, "storage");
        requireNonNull(computeDevice, "computeDevice");
        requireNonNull(aaVersion, "aaVersion");
        requireNonNull(frp, "frp");
        requireNonNull(backend, "backend");
    }

    /**
     * HaRP's FRP settings: the ExApp serves HTTP on {@code socket} and a tunnel client dials
     * {@code address:port} with proxy name APP_ID and remote port APP_PORT.
     *
     * @param certs {@code $HP_CERTS_DIR/frp} when that folder exists; it then holds {@code client.crt},
     *              {@code client.key}, {@code ca.crt} (mutual TLS, server name {@code harp.nc}); empty means TLS off
     * @param externalFrpc true when an external frpc carries the traffic ({@code HARPOON_EXAPP_TUNNEL=external}),
     *              false for the built-in Java tunnel client
     */
    public record Frp(String address, int port, String sharedKey, Path socket, Optional<Path> certs,
                      boolean externalFrpc) {
        public Frp {
            requireNonNull(address, "address");
            requireNonNull(sharedKey, "sharedKey");
            requireNonNull(socket, "socket");
            requireNonNull(certs, "certs");
        }

        @Override
        public String toString() {
            return "Frp[" + address + ":" + port + ", socket " + socket + ", tls " + certs.isPresent()
                    + (externalFrpc ? ", external frpc" : ", java client") + "]";
        }
    }

    /** Reads and validates the environment; errors read "VAR: value (expected: ...)". */
    public static ExAppConfig fromEnv(Map<String, String> env) {
        String appId = required(env, "APP_ID");
        String secret = required(env, "APP_SECRET");
        int port = port(env, "APP_PORT", required(env, "APP_PORT"), 0);
        Optional<Frp> frp = Optional.empty();
        String key = env.getOrDefault("HP_SHARED_KEY", "");
        if (!key.isEmpty()) {
            String address = required(env, "HP_FRP_ADDRESS");
            int frpPort = port(env, "HP_FRP_PORT", env.getOrDefault("HP_FRP_PORT", "8782"), 1);
            String base = env.getOrDefault("HP_CERTS_DIR", "").trim();
            Path certDir = Path.of(base.isEmpty() ? DEFAULT_CERTS_DIR : base, "frp");
            Optional<Path> certs = Files.isDirectory(certDir) ? Optional.of(certDir) : Optional.empty();
            frp = Optional.of(new Frp(address, frpPort, key,
                    Path.of(env.getOrDefault("HP_EXAPP_SOCK", DEFAULT_SOCKET)), certs, externalFrpc(env)));
        }
        String nc = env.getOrDefault("NEXTCLOUD_URL", "").trim();
        return new ExAppConfig(appId, secret, env.getOrDefault("APP_VERSION", "0.0.0"),
                env.getOrDefault("APP_HOST", "127.0.0.1"), port,
                nc.isEmpty() ? Optional.empty() : Optional.of(nc),
                Path.of(env.getOrDefault("APP_PERSISTENT_STORAGE", "/nc_app_" + appId + "_data")),
                env.getOrDefault("COMPUTE_DEVICE", "cpu"), env.getOrDefault("AA_VERSION", "32"), frp,
                env.getOrDefault("HARPOON_EXAPP_BACKEND", ""));
    }

    private static boolean externalFrpc(Map<String, String> env) {
        String v = env.getOrDefault("HARPOON_EXAPP_TUNNEL", "").trim();
        return switch (v) {
            case "", "java" -> false;
            case "external" -> true;
            default -> throw new IllegalArgumentException("HARPOON_EXAPP_TUNNEL: " + v + " (expected: java or external)");
        };
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": unset (expected: set by AppAPI)");
        }
        return v.trim();
    }

    private static int port(Map<String, String> env, String name, String value, int min) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= min && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "..65535)");
    }

    @Override
    public String toString() {
        return "ExAppConfig[app " + appId + " " + appVersion + ", listen " + (frp.isPresent() ? frp.get().socket()
                : appHost + ":" + appPort) + ", nextcloud " + nextcloudUrl.orElse("(unset)") + ", storage " + storage
                + ", COMPUTE_DEVICE " + computeDevice + (backend.isEmpty() ? "" : ", backend " + backend)
                + frp.map(f -> ", " + f).orElse("") + "]";
    }
}
