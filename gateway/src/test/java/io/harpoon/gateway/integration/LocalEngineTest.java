package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.engines.registry.Engine;
import io.harpoon.gateway.cli.EnginesCommand;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.testsupport.Requirements;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The bundled local engine (port 24000) served in-process from the Docker socket (spec §16 Q26), against the real
 * test dockerd: pass-through with version negotiation, a control action, the admin listing, {@code harpoon engines},
 * per-engine metrics, and a remote frpc that asks for 24000 being refused.
 */
class LocalEngineTest {
    static final String DOCKER_HOST = System.getenv("DOCKER_HOST");

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().builtInTunnel(UnaryOperator.identity())
            .env("HARPOON_LOCAL_DOCKER", DOCKER_HOST == null ? "off" : DOCKER_HOST);

    @BeforeAll
    static void engineUp() throws Exception {
        Requirements.require("docker", DOCKER_HOST != null && DOCKER_HOST.startsWith("unix://")
                && Files.exists(Path.of(DOCKER_HOST.substring(7))), "DOCKER_HOST with a unix socket "
                + "(./harpoon test starts a throw-away dockerd as root); got " + DOCKER_HOST);
        for (int i = 0; i < 400; i++) {
            if (GW.gateway().engines().engine(24000).map(Engine::status).orElse(null) == Engine.Status.UP) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("local engine not up: " + GW.gateway().engines().views());
    }

    @Test
    void passThroughToTheLocalSocketIsNegotiated() throws Exception {
        HttpResponse<String> ping = GW.get("/exapps/app_api/v1.44/_ping", "harp-shared-key", GatewayExtension.KEY,
                "docker-engine-port", "24000");
        assertEquals(200, ping.statusCode(), ping.body());
        assertEquals("OK", ping.body());
        HttpResponse<String> missing = GW.get("/exapps/app_api/v1.44/containers/nc_app_nobody/json",
                "harp-shared-key", GatewayExtension.KEY, "docker-engine-port", "24000");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("No such container: nc_app_nobody"), missing.body());
    }

    @Test
    void controlActionAdminListingCommandAndMetrics() throws Exception {
        HttpResponse<String> exists = GW.http().send(HttpRequest.newBuilder(
                GW.uri("/exapps/app_api/docker/exapp/exists")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"nobody\",\"instance_id\":\"\"}")).header("harp-shared-key", GatewayExtension.KEY)
                .header("docker-engine-port", "24000").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, exists.statusCode(), exists.body());
        assertEquals("{\"exists\":false}", exists.body());

        InetSocketAddress admin = GW.gateway().adminAddress();
        String base = "http://127.0.0.1:" + admin.getPort();
        JsonNode engines = new ObjectMapper().readTree(GW.http().send(HttpRequest.newBuilder(
                URI.create(base + "/engines")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(24000, engines.get(0).path("port").asInt());
        assertEquals("UP", engines.get(0).path("status").asText());
        assertEquals("1.41", engines.get(0).path("maxApiVersion").asText());
        assertTrue(engines.get(0).path("inventory").path("cpus").asInt() > 0, engines.toString());

        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new EnginesCommand());
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--admin", "127.0.0.1:" + admin.getPort()));
        String table = out.toString();
        assertTrue(table.startsWith("PORT"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("24000") && l.contains("UP") && l.contains("1.41")),
                table);
        StringWriter err = new StringWriter();
        CommandLine down = new CommandLine(new EnginesCommand());
        down.setErr(new PrintWriter(err));
        assertEquals(1, down.execute("--admin", "127.0.0.1:9"), "no gateway there");
        assertTrue(err.toString().contains("no gateway admin endpoint"), err.toString());

        String metrics = GW.http().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("harpoon_engine_up{engine=\"24000\"} 1.0"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("harpoon_engine_actions_seconds_count")
                && l.contains("action=\"exists\"") && l.contains("status=\"200\"")), metrics);
    }

    @Test
    void aRemoteFrpcCannotTakeTheLocalEnginesPort() throws Exception {
        TunnelClientConfig cfg = TunnelClientConfig.harp(
                new InetSocketAddress("127.0.0.1", GW.gateway().frpAddress().orElseThrow().getPort()),
                TunnelTls.harpClient(GW.certsDir().resolve("frp")), GatewayExtension.KEY,
                List.of(ProxySpec.tcp("sneaky-engine", 24000, "127.0.0.1", 9)));
        try (TunnelClient c = new TunnelClient(cfg)) {
            c.start().get(10, TimeUnit.SECONDS);
            String error = "";
            for (int i = 0; i < 200 && error.isEmpty(); i++) {
                var resp = c.registeredProxies().get("sneaky-engine");
                error = resp == null ? "" : String.valueOf(resp.error());
                Thread.sleep(25);
            }
            assertTrue(error.contains("24000"), "refused like a port in use: " + error);
            assertFalse(GW.gateway().tunnelServer().orElseThrow().proxyNames().contains("sneaky-engine"));
        }
        assertEquals("local", GW.gateway().engines().engine(24000).orElseThrow().name());
    }
}
