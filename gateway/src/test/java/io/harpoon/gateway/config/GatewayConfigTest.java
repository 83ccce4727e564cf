package io.harpoon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table row per variable of spec §4 (value → parsed field), plus the rejections. */
class GatewayConfigTest {
    @TempDir
    Path tmp;

    private GatewayConfig load(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("HP_SHARED_KEY", "key");
        env.put("NC_INSTANCE_URL", "http://nc");
        env.put("HARPOON_DATA_DIR", tmp.toString());
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                env.remove(kv[i]);
            } else {
                env.put(kv[i], kv[i + 1]);
            }
        }
        return GatewayConfig.fromEnvironment(env);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                row("NC_INSTANCE_URL", "\"https://cloud.example/index.php/\"", c -> c.nextcloudUrl().orElseThrow(),
                        "https://cloud.example"),
                row("NC_INSTANCE_URL", "https://cloud.example/", c -> c.nextcloudUrl().orElseThrow(),
                        "https://cloud.example"),
                row("NC_INSTANCE_URL", "https://cloud.example/sub/index.php", c -> c.nextcloudUrl().orElseThrow(),
                        "https://cloud.example/sub"),
                row("HP_EXAPPS_ADDRESS", null, c -> c.exappsAddress().toString(), "0.0.0.0/<unresolved>:8780"),
                row("HP_EXAPPS_ADDRESS", "'127.0.0.1:9000'", c -> c.exappsAddress().getPort(), 9000),
                row("HP_EXAPPS_HTTPS_ADDRESS", null, c -> c.exappsHttpsAddress().getPort(), 8781),
                row("HP_EXAPPS_HTTPS_ADDRESS", "[::1]:8443", c -> c.exappsHttpsAddress().getHostString(), "::1"),
                row("HP_FRP_ADDRESS", null, c -> c.frpAddress().getPort(), 8782),
                row("HP_SPOA_ADDRESS", null, c -> c.spoaAddress().getPort(), 9600),
                row("HP_FRP_DISABLE_TLS", null, GatewayConfig::frpDisableTls, false),
                row("HP_FRP_DISABLE_TLS", "true", GatewayConfig::frpDisableTls, true),
                row("HP_FRP_CERT_VALIDITY_DAYS", null, GatewayConfig::frpCertValidityDays, 5000),
                row("HP_FRP_CERT_VALIDITY_DAYS", "30", GatewayConfig::frpCertValidityDays, 30),
                row("HP_LOG_LEVEL", null, GatewayConfig::logLevel, "warning"),
                row("HP_LOG_LEVEL", "DEBUG", GatewayConfig::logLevel, "debug"),
                row("HP_VERBOSE_START", null, GatewayConfig::verboseStart, true),
                row("HP_VERBOSE_START", "0", GatewayConfig::verboseStart, false),
                row("HP_SESSION_LIFETIME", null, GatewayConfig::sessionLifetime, Duration.ofSeconds(3)),
                row("HP_SESSION_LIFETIME", "0.5", GatewayConfig::sessionLifetime, Duration.ofMillis(500)),
                row("HP_SESSION_LIFETIME", "10", GatewayConfig::sessionLifetime, Duration.ofSeconds(10)),
                row("HP_BLACKLIST_COUNT", null, GatewayConfig::blacklistCount, 10),
                row("HP_BLACKLIST_COUNT", "3", GatewayConfig::blacklistCount, 3),
                row("HP_BLACKLIST_WINDOW", null, GatewayConfig::blacklistWindow, Duration.ofSeconds(300)),
                row("HP_TIMEOUT_CONNECT", null, GatewayConfig::timeoutConnect, Duration.ofSeconds(30)),
                row("HP_TIMEOUT_CONNECT", "500", GatewayConfig::timeoutConnect, Duration.ofMillis(500)),
                row("HP_TIMEOUT_CLIENT", null, GatewayConfig::timeoutClient, Duration.ofSeconds(30)),
                row("HP_TIMEOUT_CLIENT", "2m", GatewayConfig::timeoutClient, Duration.ofMinutes(2)),
                row("HP_TIMEOUT_CLIENT", "1500us", GatewayConfig::timeoutClient, Duration.ofMillis(2)),
                row("HP_TIMEOUT_SERVER", null, GatewayConfig::timeoutServer, Duration.ofSeconds(1800)),
                row("HP_TIMEOUT_SERVER", "1h", GatewayConfig::timeoutServer, Duration.ofHours(1)),
                row("HP_TIMEOUT_TUNNEL", null, GatewayConfig::timeoutTunnel, Duration.ofSeconds(1800)),
                row("HP_TIMEOUT_TUNNEL", "0s", GatewayConfig::timeoutTunnel, Duration.ofDays(24)),
                row("HP_TIMEOUT_TUNNEL", "2d", GatewayConfig::timeoutTunnel, Duration.ofDays(2)),
                row("HP_WATCHDOG_ENABLED", null, GatewayConfig::watchdogEnabled, true),
                row("HP_WATCHDOG_INTERVAL", null, GatewayConfig::watchdogIntervalSeconds, 10),
                row("HP_WATCHDOG_FAILS", null, GatewayConfig::watchdogFails, 12),
                row("HP_K8S_ENABLED", null, GatewayConfig::k8sEnabled, false),
                row("HP_K8S_ENABLED", "yes", GatewayConfig::k8sEnabled, true),
                row("HP_K8S_NAMESPACE", null, GatewayConfig::k8sNamespace, "nextcloud-exapps"),
                row("HP_CERTS_DIR", null, c -> c.certsDir().toString(), "/certs"),
                row("HP_EXAPPS_FILE", "/x/apps.json", c -> c.exappsFile().orElseThrow().toString(), "/x/apps.json"),
                row("HARPOON_ADMIN_ADDRESS", null, c -> c.adminAddress().getPort(), 8790),
                row("HARPOON_ADMIN_ADDRESS", null, c -> c.adminAddress().getHostString(), "127.0.0.1"),
                row("HARPOON_CONTROL_ADDRESS", null, c -> c.controlAddress().getPort(), 8200),
                row("HARPOON_FORWARD_CLIENT_IP", null, GatewayConfig::forwardClientIp, false),
                row("HARPOON_ROUTE_METHOD_CHECK", null, GatewayConfig::routeMethodCheck, false),
                row("HARPOON_ROUTE_METHOD_CHECK", "true", GatewayConfig::routeMethodCheck, true),
                row("HARPOON_META_TTL_SECONDS", null, GatewayConfig::metaTtlSeconds, 0L),
                row("HP_SHARED_KEY", "\"quoted key\"", c -> c.sharedKey().value(), "quoted key"));
    }

    private static Arguments row(String var, String value, Function<GatewayConfig, Object> field, Object expected) {
        return Arguments.of(var, value, field, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("accepted")
    void accepted(String var, String value, Function<GatewayConfig, Object> field, Object expected) {
        assertEquals(expected, field.apply(value == null ? load() : load(var, value)));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("HP_EXAPPS_ADDRESS", "8780"),
                Arguments.of("HP_EXAPPS_ADDRESS", "0.0.0.0:99999"),
                Arguments.of("HP_FRP_ADDRESS", "host"),
                Arguments.of("HP_FRP_DISABLE_TLS", "maybe"),
                Arguments.of("HP_FRP_CERT_VALIDITY_DAYS", "0"),
                Arguments.of("HP_LOG_LEVEL", "verbose"),
                Arguments.of("HP_SESSION_LIFETIME", "10.5"),
                Arguments.of("HP_SESSION_LIFETIME", "-1"),
                Arguments.of("HP_BLACKLIST_COUNT", "ten"),
                Arguments.of("HP_BLACKLIST_WINDOW", "0"),
                Arguments.of("HP_TIMEOUT_CONNECT", "30x"),
                Arguments.of("HP_TIMEOUT_CLIENT", "0"),
                Arguments.of("HP_TIMEOUT_SERVER", "-5s"),
                Arguments.of("HP_TIMEOUT_TUNNEL", "abc"),
                Arguments.of("HP_WATCHDOG_INTERVAL", "0"),
                Arguments.of("NC_INSTANCE_URL", "cloud.example"),
                Arguments.of("HARPOON_POOL_PORT", "24001"),
                Arguments.of("HARPOON_POOL_PORT", "70000"),
                Arguments.of("HP_SHARED_KEY", "bad\"key"),
                Arguments.of("HP_SHARED_KEY", "bad\\key"),
                Arguments.of("HP_SHARED_KEY", "tab\tkey"),
                Arguments.of("HP_SHARED_KEY", "caf\u00e9"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("rejected")
    void rejectedWithOneMessageNamingTheVariable(String var, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(var, value));
        assertTrue(e.getMessage().startsWith(var), e.getMessage());
        if (var.equals("HP_SHARED_KEY")) {
            assertFalse(e.getMessage().contains(value), "the key never appears in messages");
        }
    }

    @Test
    void sharedKeyFromFileWithQuotesAndNewline() throws Exception {
        Path f = Files.writeString(tmp.resolve("key"), "'file-key'\n");
        assertEquals("file-key", load("HP_SHARED_KEY", null, "HP_SHARED_KEY_FILE", f.toString()).sharedKey().value());
    }

    @Test
    void bothKeyVariablesAreRejected() throws Exception {
        Path f = Files.writeString(tmp.resolve("key"), "k");
        ConfigException e = assertThrows(ConfigException.class, () -> load("HP_SHARED_KEY_FILE", f.toString()));
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
    }

    @Test
    void missingKeyWithNextcloudIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("HP_SHARED_KEY", null));
        assertTrue(e.getMessage().startsWith("HP_SHARED_KEY"), e.getMessage());
    }

    @Test
    void unreadableKeyFileIsRejected() {
        assertThrows(ConfigException.class, () -> load("HP_SHARED_KEY", null, "HP_SHARED_KEY_FILE",
                tmp.resolve("missing").toString()));
    }

    @Test
    void noConfigurationAtAllIsStandaloneWithGeneratedKeyStoredOnce() throws Exception {
        GatewayConfig first = GatewayConfig.fromEnvironment(Map.of("HARPOON_DATA_DIR", tmp.toString()));
        assertTrue(first.standalone());
        assertTrue(first.sharedKey().generatedFile().isPresent(), "generated now: print it");
        assertTrue(first.sharedKey().value().length() >= 40);
        assertFalse(first.sharedKey().toString().contains(first.sharedKey().value()));
        GatewayConfig second = GatewayConfig.fromEnvironment(Map.of("HARPOON_DATA_DIR", tmp.toString()));
        assertEquals(first.sharedKey().value(), second.sharedKey().value(), "reused from the data dir");
        assertTrue(second.sharedKey().generatedFile().isEmpty(), "printed once only");
        assertEquals(tmp.resolve("certs"), second.certsDir(), "standalone: FRP certificates beside the key");
    }

    @Test
    void emptyNextcloudUrlMeansStandalone() {
        assertTrue(load("NC_INSTANCE_URL", "\"\"").standalone());
    }

    @Test
    void trustedProxiesStripQuotesMaskHostBitsAndSkipInvalid() throws Exception {
        TrustedProxies t = load("HP_TRUSTED_PROXY_IPS", "\u201C10.1.2.3/8, bogus, 2001:db8::1/32,'192.0.2.9'\u201D")
                .trustedProxies();
        assertEquals(3, t.networks().size());
        assertEquals("10.0.0.0/8", t.networks().get(0).toString());
        assertTrue(t.contains(InetAddress.getByName("10.200.0.1")));
        assertTrue(t.contains(InetAddress.getByName("2001:db8:ffff::1")));
        assertTrue(t.contains(InetAddress.getByName("::ffff:192.0.2.9")), "IPv4-mapped compares as IPv4");
        assertFalse(t.contains(InetAddress.getByName("192.0.2.10")));
    }
}
