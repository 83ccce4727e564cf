package io.harpoon.gateway.config;

import static io.harpoon.gateway.config.EnvValues.address;
import static io.harpoon.gateway.config.EnvValues.bool;
import static io.harpoon.gateway.config.EnvValues.decimal;
import static io.harpoon.gateway.config.EnvValues.durationMillis;
import static io.harpoon.gateway.config.EnvValues.integer;
import static io.harpoon.gateway.config.EnvValues.stripQuotes;
import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway reads from the environment (spec harp-contract.md §4), validated once at start-up.
 *
 * <p>HaRP variables keep their names, defaults and syntax. Harpoon extensions are prefixed {@code HARPOON_} (plus
 * {@code HP_CERTS_DIR} and {@code HP_EXAPPS_FILE}); HaRP never reads them.
 *
 * <table>
 *   <caption>Harpoon extensions</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>HP_CERTS_DIR</td><td>/certs (standalone: $HARPOON_DATA_DIR/certs)</td><td>{@code cert.pem} (HTTPS)
 *       and {@code frp/} (FRP mTLS, generated when missing) live here</td></tr>
 *   <tr><td>HP_EXAPPS_FILE</td><td>none</td><td>standalone mode: JSON object app id → exapp-meta record</td></tr>
 *   <tr><td>HARPOON_DATA_DIR</td><td>./data</td><td>generated shared key ({@code shared-key})</td></tr>
 *   <tr><td>HARPOON_ADMIN_ADDRESS</td><td>127.0.0.1:8790</td><td>/metrics and /healthz</td></tr>
 *   <tr><td>HARPOON_CONTROL_ADDRESS</td><td>127.0.0.1:8200</td><td>internal control API (fixed in HaRP)</td></tr>
 *   <tr><td>HARPOON_FORWARD_CLIENT_IP</td><td>false</td><td>§16 Q18: X-Forwarded-For toward ExApps</td></tr>
 *   <tr><td>HARPOON_ROUTE_METHOD_CHECK</td><td>false</td><td>§16 Q2: enforce a route's {@code verb}</td></tr>
 *   <tr><td>HARPOON_META_TTL_SECONDS</td><td>0</td><td>§16 Q7: background revalidation age; 0 = no TTL</td></tr>
 *   <tr><td>HARPOON_LOCAL_DOCKER</td><td>DOCKER_HOST, else /var/run/docker.sock if present</td><td>bundled engine
 *       on port 24000 (§16 Q26); {@code off} disables</td></tr>
 *   <tr><td>HARPOON_ENGINE_INVENTORY</td><td>unset</td><td>declared engine inventory (GPUs, VRAM, FPGA, labels),
 *       JSON; see {@code docs/engines.md}</td></tr>
 *   <tr><td>HARPOON_DEVICE_PROBE</td><td>true</td><td>probe each engine's device nodes (/dev/kfd, /dev/dri,
 *       /dev/nvidia*, FPGA) on connect with an empty FROM scratch container</td></tr>
 *   <tr><td>HARPOON_HARP_CONFIG_DIR</td><td>/</td><td>where HaRP's mounted overrides are looked for: {@code
 *       frps.toml} is read (§16 Q27), {@code haproxy.cfg} and {@code frpc-docker.toml} are reported as ignored</td></tr>
 *   <tr><td>HARPOON_POOL_PORT</td><td>24999</td><td>{@code docker-engine-port} of the scheduler's pool engine
 *       (outside 24000-24099; docs/pool.md)</td></tr>
 * </table>
 *
 * <p>Invalid values throw {@link ConfigException} with one message naming the variable; the shared key itself is
 * never part of a message.
 */
public record GatewayConfig(
        SharedKey sharedKey,
        Optional<String> nextcloudUrl,
        Optional<Path> exappsFile,
        InetSocketAddress exappsAddress,
        InetSocketAddress exappsHttpsAddress,
        InetSocketAddress frpAddress,
        InetSocketAddress spoaAddress,
        InetSocketAddress controlAddress,
        InetSocketAddress adminAddress,
        boolean frpDisableTls,
        int frpCertValidityDays,
        TrustedProxies trustedProxies,
        String logLevel,
        boolean verboseStart,
        Duration sessionLifetime,
        int blacklistCount,
        Duration blacklistWindow,
        Duration timeoutConnect,
        Duration timeoutClient,
        Duration timeoutServer,
        Duration timeoutTunnel,
        boolean watchdogEnabled,
        int watchdogIntervalSeconds,
        int watchdogFails,
        boolean k8sEnabled,
        String k8sNamespace,
        Path certsDir,
        Path dataDir,
        boolean forwardClientIp,
        boolean routeMethodCheck,
        long metaTtlSeconds,
        Optional<String> localDocker,
        Optional<Path> engineInventory,
        int poolPort,
        boolean deviceProbe,
        Path harpConfigDir) {

    /** HaRP's bundled engine socket (spec §5), used when present and DOCKER_HOST is not set. */
    public static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    /** "0 with any unit" for HP_TIMEOUT_TUNNEL means 24 days (HAProxy's maximum timer). */
    public static final Duration TUNNEL_UNLIMITED = Duration.ofDays(24);
    /** HP_SESSION_LIFETIME bounds, seconds (outside → start-up failure). */
    public static final double SESSION_LIFETIME_MAX = 10.0;

    public GatewayConfig {
        requireNonNull(sharedKey, "sharedKey");
        requireNonNull(nextcloudUrl, "nextcloudUrl");
        requireNonNull(trustedProxies, "trustedProxies");
    }

    /** Standalone mode: no Nextcloud; ExApp records come from {@link #exappsFile()} (or none). */
    public boolean standalone() {
        return nextcloudUrl.isEmpty();
    }

    /** Reads the process environment. */
    public static GatewayConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        requireNonNull(env, "env");
        Env e = new Env(env);
        Optional<String> nc = e.opt("NC_INSTANCE_URL").map(GatewayConfig::normaliseNextcloudUrl)
                .filter(s -> !s.isEmpty());
        Path dataDir = Path.of(e.get("HARPOON_DATA_DIR", "./data"));
        SharedKey key = SharedKey.resolve(e.opt("HP_SHARED_KEY"), e.opt("HP_SHARED_KEY_FILE"), nc.isEmpty(), dataDir);
        Duration server = Duration.ofMillis(durationMillis("HP_TIMEOUT_SERVER", e.get("HP_TIMEOUT_SERVER", "1800s")));
        Duration tunnel = e.opt("HP_TIMEOUT_TUNNEL")
                .map(v -> Duration.ofMillis(durationMillis("HP_TIMEOUT_TUNNEL", v)))
                .map(d -> d.isZero() ? TUNNEL_UNLIMITED : d)
                .orElse(server);
        String level = stripQuotes(e.get("HP_LOG_LEVEL", "warning")).toLowerCase(java.util.Locale.ROOT);
        if (!List.of("debug", "info", "warning", "error").contains(level)) {
            throw new ConfigException("HP_LOG_LEVEL: " + level + " (expected: debug, info, warning, error)");
        }
        double session = decimal("HP_SESSION_LIFETIME", e.get("HP_SESSION_LIFETIME", "3"), 0, SESSION_LIFETIME_MAX);
        return new GatewayConfig(
                key,
                nc,
                e.opt("HP_EXAPPS_FILE").map(Path::of),
                address("HP_EXAPPS_ADDRESS", e.get("HP_EXAPPS_ADDRESS", "0.0.0.0:8780")),
                address("HP_EXAPPS_HTTPS_ADDRESS", e.get("HP_EXAPPS_HTTPS_ADDRESS", "0.0.0.0:8781")),
                address("HP_FRP_ADDRESS", e.get("HP_FRP_ADDRESS", "0.0.0.0:8782")),
                address("HP_SPOA_ADDRESS", e.get("HP_SPOA_ADDRESS", "127.0.0.1:9600")),
                address("HARPOON_CONTROL_ADDRESS", e.get("HARPOON_CONTROL_ADDRESS", "127.0.0.1:8200")),
                address("HARPOON_ADMIN_ADDRESS", e.get("HARPOON_ADMIN_ADDRESS", "127.0.0.1:8790")),
                bool("HP_FRP_DISABLE_TLS", e.get("HP_FRP_DISABLE_TLS", "false")),
                integer("HP_FRP_CERT_VALIDITY_DAYS", e.get("HP_FRP_CERT_VALIDITY_DAYS", "5000"), 1, 1_000_000),
                TrustedProxies.parse(e.get("HP_TRUSTED_PROXY_IPS", "")),
                level,
                bool("HP_VERBOSE_START", e.get("HP_VERBOSE_START", "1")),
                Duration.ofNanos((long) (session * 1e9)),
                integer("HP_BLACKLIST_COUNT", e.get("HP_BLACKLIST_COUNT", "10"), 1, 1_000_000),
                Duration.ofSeconds(integer("HP_BLACKLIST_WINDOW", e.get("HP_BLACKLIST_WINDOW", "300"), 1, 86_400 * 365)),
                positive("HP_TIMEOUT_CONNECT", e.get("HP_TIMEOUT_CONNECT", "30s")),
                positive("HP_TIMEOUT_CLIENT", e.get("HP_TIMEOUT_CLIENT", "30s")),
                requirePositive("HP_TIMEOUT_SERVER", server),
                tunnel,
                bool("HP_WATCHDOG_ENABLED", e.get("HP_WATCHDOG_ENABLED", "true")),
                integer("HP_WATCHDOG_INTERVAL", e.get("HP_WATCHDOG_INTERVAL", "10"), 1, 86_400),
                integer("HP_WATCHDOG_FAILS", e.get("HP_WATCHDOG_FAILS", "12"), 1, 1_000_000),
                bool("HP_K8S_ENABLED", e.get("HP_K8S_ENABLED", "false")),
                stripQuotes(e.get("HP_K8S_NAMESPACE", "nextcloud-exapps")),
                // HaRP's /certs; standalone (no Nextcloud, e.g. a first `./harpoon gateway`) keeps its FRP
                // certificates next to the generated key instead of writing to the filesystem root
                Path.of(e.get("HP_CERTS_DIR", nc.isEmpty() ? dataDir.resolve("certs").toString() : "/certs")),
                dataDir,
                bool("HARPOON_FORWARD_CLIENT_IP", e.get("HARPOON_FORWARD_CLIENT_IP", "false")),
                bool("HARPOON_ROUTE_METHOD_CHECK", e.get("HARPOON_ROUTE_METHOD_CHECK", "false")),
                integer("HARPOON_META_TTL_SECONDS", e.get("HARPOON_META_TTL_SECONDS", "0"), 0, Integer.MAX_VALUE),
                localDocker(e),
                e.opt("HARPOON_ENGINE_INVENTORY").map(EnvValues::stripQuotes).filter(v -> !v.isEmpty())
                        .map(Path::of),
                poolPort(e.get("HARPOON_POOL_PORT", "24999")),
                bool("HARPOON_DEVICE_PROBE", e.get("HARPOON_DEVICE_PROBE", "true")),
                Path.of(EnvValues.stripQuotes(e.get("HARPOON_HARP_CONFIG_DIR", "/"))));
    }

    /**
     * The bundled local engine (port 24000, spec §16 Q26): {@code HARPOON_LOCAL_DOCKER} ({@code off} disables),
     * else {@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock} when that socket exists.
     */
    static Optional<String> localDocker(Env e) {
        Optional<String> explicit = e.opt("HARPOON_LOCAL_DOCKER").map(EnvValues::stripQuotes);
        if (explicit.isPresent()) {
            String v = explicit.get();
            if (v.equals("off") || v.isEmpty()) {
                return Optional.empty();
            }
            if (!v.startsWith("unix://") && !v.startsWith("tcp://")) {
                throw new ConfigException("HARPOON_LOCAL_DOCKER: " + v
                        + " (expected: off, unix:///path/docker.sock or tcp://host:port)");
            }
            return explicit;
        }
        Optional<String> host = e.opt("DOCKER_HOST").map(EnvValues::stripQuotes).filter(v -> !v.isEmpty());
        if (host.isPresent()) {
            return host.filter(v -> v.startsWith("unix://") || v.startsWith("tcp://"));
        }
        return java.nio.file.Files.exists(DOCKER_SOCKET) ? Optional.of("unix://" + DOCKER_SOCKET)
                : Optional.empty();
    }

    /** Strip quotes, then one trailing {@code /}, then a trailing {@code /index.php} (spec §4.1). */
    static String normaliseNextcloudUrl(String raw) {
        String s = stripQuotes(raw);
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/index.php")) {
            s = s.substring(0, s.length() - "/index.php".length());
        }
        if (!s.isEmpty() && !s.startsWith("http://") && !s.startsWith("https://")) {
            throw new ConfigException("NC_INSTANCE_URL: " + raw + " (expected: http:// or https:// URL)");
        }
        return s;
    }

    /** The pool must not shadow an engine: 24000-24099 are engine ports ({@code docker-engine-port}, §13). */
    private static int poolPort(String raw) {
        int p = integer("HARPOON_POOL_PORT", raw, 1, 65535);
        if (p >= 24000 && p <= 24099) {
            throw new ConfigException("HARPOON_POOL_PORT: " + p + " (expected: outside the engine ports 24000-24099,"
                    + " e.g. 24999)");
        }
        return p;
    }

    private static Duration positive(String name, String raw) {
        return requirePositive(name, Duration.ofMillis(durationMillis(name, raw)));
    }

    private static Duration requirePositive(String name, Duration d) {
        if (d.isZero()) {
            throw new ConfigException(name + ": 0 (expected: > 0)");
        }
        return d;
    }

    /** Environment view where an empty value (after quote stripping) counts as unset, like HaRP's start.sh. */
    private record Env(Map<String, String> env) {
        Optional<String> opt(String name) {
            String v = env.get(name);
            return v == null || stripQuotes(v).isEmpty() ? Optional.empty() : Optional.of(v);
        }

        String get(String name, String dflt) {
            return opt(name).orElse(dflt);
        }
    }
}
