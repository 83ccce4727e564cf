package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.testsupport.Requirements;
import io.harpoon.tunnel.api.LoginHook;
import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.server.TunnelServer;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * HaRP's FRP mode end to end on loopback: a real {@link TunnelServer} in HaRP's configuration (mutual TLS forced,
 * shared-key check, one allowed port) in process, and the ExApp in FRP mode with the built-in
 * {@link FrpClientConnector} dialling it with certificates from {@code HP_CERTS_DIR}. Requests go through the
 * tunnel the way HaRP sends them: the in-process {@code openStream(APP_ID)} and the loopback proxy listener.
 */
class FrpTunnelTest {
    private static final String KEY = "shared-Key-7f3a9c1e-do-not-log";

    @TempDir
    static Path certsBase;
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger harpoon = (Logger) LoggerFactory.getLogger("io.harpoon");
    private Level previousLevel;
    private final AtomicInteger loginFailures = new AtomicInteger();
    private final LoginHook hook = new LoginHook() {
        @Override
        public void failed(InetSocketAddress client, String reason) {
            loginFailures.incrementAndGet();
        }
    };

    @BeforeAll
    static void certificates() {
        HarpCertificates.ensure(certsBase.resolve("frp"), 30);
    }

    @BeforeEach
    void captureLogs() {
        Requirements.require("netty native epoll", Epoll.isAvailable(), String.valueOf(Epoll.unavailabilityCause()));
        previousLevel = harpoon.getLevel();
        harpoon.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void noSecretInLogs() {
        root.detachAppender(logs);
        harpoon.setLevel(previousLevel);
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(KEY) || line.contains(wrongKey()) || line.contains(ExAppHarness.SECRET),
                    "a secret was logged: " + line);
        }
    }

    @Test
    void servesHeartbeatAndSearchThroughTheTunnel() throws Exception {
        int appPort = FrpWire.freePort();
        try (TunnelServer frps = frps(0, appPort);
             FrpClientConnector connector = new FrpClientConnector(Duration.ofMillis(50), Duration.ofMillis(200));
             ExAppServer app = exapp(appPort, frps.localAddress().getPort(), KEY, connector)) {
            TunnelClient client = connector.client().orElseThrow();
            awaitProxy(frps, client);
            assertEquals(Set.of(ExAppHarness.APP_ID), frps.proxyNames());
            assertEquals(appPort, frps.proxyPort(ExAppHarness.APP_ID).orElseThrow());
            assertEquals(TunnelClient.State.LOGGED_IN, client.state());
            assertEquals("", errorOf(client));

            // (a) in-process, as the gateway routes: HTTP bytes in, the ExApp's answer out.
            String heartbeat = FrpWire.viaStream(frps, FrpWire.HEARTBEAT);
            assertTrue(heartbeat.startsWith("HTTP/1.1 200") && heartbeat.endsWith("{\"status\":\"ok\"}"), heartbeat);

            // (b) through frps' loopback listener on APP_PORT, as HaRP's HAProxy reaches 127.0.0.1:APP_PORT.
            try (HttpClient http = HttpClient.newHttpClient()) {
                URI base = URI.create("http://127.0.0.1:" + appPort);
                assertEquals(401, FrpWire.send(http, base, "GET", "/v1/info", null, Map.of()).statusCode());
                Map<String, String> signed = ExAppHarness.signed("alice");
                assertEquals(201, FrpWire.send(http, base, "PUT", "/v1/collections/docs", "{\"dimension\":3}", signed).statusCode());
                HttpResponse<String> up = FrpWire.send(http, base, "POST", "/v1/collections/docs/vectors",
                        "{\"vectors\":[{\"id\":1,\"vector\":[1,0,0]},{\"id\":2,\"vector\":[0,1,0]},"
                                + "{\"id\":3,\"vector\":[0.9,0.1,0]}]}", signed);
                assertEquals(200, up.statusCode(), up.body());
                HttpResponse<String> r = FrpWire.send(http, base, "POST", "/v1/collections/docs/search",
                        "{\"queries\":[[1,0,0]],\"k\":2,\"metric\":\"cosine\"}", signed);
                assertEquals(200, r.statusCode(), r.body());
                JsonNode hits = ExAppHarness.JSON.readTree(r.body()).get("results").get(0);
                assertEquals(2, hits.size());
                assertEquals(1, hits.get(0).get("id").asInt());
                assertEquals(3, hits.get(1).get("id").asInt());
            }
        }
    }

    @Test
    void reconnectsAfterTheTunnelServerRestarts() throws Exception {
        int appPort = FrpWire.freePort();
        TunnelServer first = frps(0, appPort);
        int frpPort = first.localAddress().getPort();
        try (FrpClientConnector connector = new FrpClientConnector(Duration.ofMillis(50), Duration.ofMillis(200));
             ExAppServer app = exapp(appPort, frpPort, KEY, connector)) {
            TunnelClient client = connector.client().orElseThrow();
            try (first) {
                awaitProxy(first, client);
                assertTrue(FrpWire.viaStream(first, FrpWire.HEARTBEAT)
                        .endsWith("{\"status\":\"ok\"}"));
            }
            String runId = client.runId();
            FrpWire.await(() -> client.state() != TunnelClient.State.LOGGED_IN, "client notices the lost session");
            try (TunnelServer second = frps(frpPort, appPort)) {
                awaitProxy(second, client);
                assertEquals(2, client.logins());
                assertEquals(Set.of(runId), second.runIds(), "frpc logs in again with its run id");
                assertTrue(FrpWire.viaStream(second, FrpWire.HEARTBEAT)
                        .endsWith("{\"status\":\"ok\"}"));
            }
        }
    }

    @Test
    void wrongSharedKeyKeepsServingLocallyAndRetries() throws Exception {
        int appPort = FrpWire.freePort();
        try (TunnelServer frps = frps(0, appPort);
             FrpClientConnector connector = new FrpClientConnector(Duration.ofMillis(50), Duration.ofMillis(200));
             ExAppServer app = exapp(appPort, frps.localAddress().getPort(), wrongKey(), connector)) {
            FrpWire.await(() -> loginFailures.get() >= 2, "two refused logins (the client retries)");
            TunnelClient client = connector.client().orElseThrow();
            assertNotEquals(TunnelClient.State.LOGGED_IN, client.state());
            assertEquals(0, client.logins());
            assertTrue(frps.proxyNames().isEmpty(), frps.proxyNames().toString());
            String local = FrpWire.viaSocket(dir.resolve("exapp.sock"), FrpWire.HEARTBEAT);
            assertTrue(local.endsWith("{\"status\":\"ok\"}"), local);
            // The refusal is logged (so the secret check in noSecretInLogs has lines to look at), without the key.
            assertTrue(List.copyOf(logs.list).stream().anyMatch(e -> e.getFormattedMessage()
                    .contains("first login failed (login refused: invalid metas.token)")), "refusal logged");
        }
    }

    @Test
    void configurationMatchesStartSh() throws Exception {
        Map<String, String> env = env(23001, 8782, KEY);
        ExAppConfig config = ExAppConfig.fromEnv(env);
        var ours = FrpClientConnector.clientConfig(config, config.frp().orElseThrow());
        var reference = io.harpoon.tunnel.client.HarpExAppTunnel.clientConfig(env);
        assertEquals(reference.proxies(), ours.proxies());
        assertEquals(Map.of("token", KEY), ours.metas());
        assertEquals(reference.token(), ours.token());
        assertEquals("harp.nc", ours.serverName());
        assertTrue(ours.tls() != null && reference.tls() != null, "certificate folder present: mutual TLS");
        assertFalse(ours.loginFailExit());
        assertEquals(Duration.ofSeconds(1), ours.initialBackoff());
        assertEquals(Duration.ofSeconds(20), ours.maxBackoff());
        assertEquals(reference.server().getHostString(), ours.server().getHostString());
        assertEquals(reference.server().getPort(), ours.server().getPort());
        assertFalse(ours.toString().contains(KEY), ours.toString());
        env.put("HP_CERTS_DIR", dir.toString()); // no frp folder there: TLS off, as start.sh
        ExAppConfig plain = ExAppConfig.fromEnv(env);
        assertEquals(null, FrpClientConnector.clientConfig(plain, plain.frp().orElseThrow()).tls());
    }

    @Test
    void incompleteCertificateFolderFailsTheStartNamingTheFile() throws Exception {
        Path base = dir.resolve("certs");
        Files.createDirectories(base.resolve("frp"));
        Files.copy(certsBase.resolve("frp/ca.crt"), base.resolve("frp/ca.crt"));
        Map<String, String> env = env(FrpWire.freePort(), 8782, KEY);
        env.put("HP_CERTS_DIR", base.toString());
        ExAppConfig config = ExAppConfig.fromEnv(env);
        ComputeSelection sel = ComputeSelection.select("CPU", "", List.of(new CpuBackend(false, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExAppServer.start(config, sel, new FrpClientConnector()));
        assertEquals("HP_CERTS_DIR: " + base.resolve("frp") + " lacks client.crt (expected: ca.crt, client.crt,"
                + " client.key as AppAPI copies them, or no frp folder for TLS off)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("exapp.sock")), "socket removed after the failed start");
    }

    // ---- helpers ----

    private static String wrongKey() {
        return "wrong-Key-51d0e2b8-do-not-log";
    }

    private TunnelServer frps(int bindPort, int appPort) throws Exception {
        TunnelServerConfig cfg = TunnelServerConfig.harp(new InetSocketAddress("127.0.0.1", bindPort), KEY,
                        TunnelTls.harpServer(certsBase.resolve("frp")))
                .withAllowPorts(List.of(new PortRange(appPort, appPort)));
        TunnelServer s = new TunnelServer(cfg, hook, null);
        s.start();
        return s;
    }

    private Map<String, String> env(int appPort, int frpPort, String key) {
        Map<String, String> env = new HashMap<>(ExAppHarness.env(dir.resolve("data"), "CPU", null));
        env.put("APP_PORT", Integer.toString(appPort));
        env.put("HP_SHARED_KEY", key);
        env.put("HP_FRP_ADDRESS", "127.0.0.1");
        env.put("HP_FRP_PORT", Integer.toString(frpPort));
        env.put("HP_EXAPP_SOCK", dir.resolve("exapp.sock").toString());
        env.put("HP_CERTS_DIR", certsBase.toString());
        return env;
    }

    private ExAppServer exapp(int appPort, int frpPort, String key, TunnelConnector connector) throws Exception {
        ExAppConfig config = ExAppConfig.fromEnv(env(appPort, frpPort, key));
        ComputeSelection sel = ComputeSelection.select("CPU", "", List.of(new CpuBackend(false, 1)));
        return ExAppServer.start(config, sel, connector);
    }

    /** Bound on the server and acknowledged to the client (NewProxyResp arrives after the bind). */
    private static void awaitProxy(TunnelServer frps, TunnelClient client) throws InterruptedException {
        FrpWire.await(() -> frps.proxyPort(ExAppHarness.APP_ID).isPresent()
                && client.registeredProxies().containsKey(ExAppHarness.APP_ID), "proxy registered");
    }

    private static String errorOf(TunnelClient client) {
        String e = client.registeredProxies().get(ExAppHarness.APP_ID).error();
        return e == null ? "" : e;
    }

}
