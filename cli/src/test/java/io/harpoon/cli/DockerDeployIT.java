package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.harpoon.engines.registry.Engine;
import io.harpoon.gateway.testing.FrpExApps;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import io.harpoon.tunnel.client.TunnelClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AppAPI's HaRP deploy sequence (spec harp-contract.md §12.3) over HTTP against the gateway, with the Docker engine
 * reached as a <b>remote</b> engine: a Java frpc exposes the test dockerd's socket on remote port 24001, exactly as
 * frpc on a GPU host does (§13). The ExApp container then dials back through the same gateway's FRP server.
 *
 * <pre>
 *  test (AppAPI) ──HTTP──► gateway /exapps/app_api ──► engine 24001 ══tunnel══► Java frpc ──► dockerd socket
 *                                                                                               │ creates
 *  test ──signed /exapps/&lt;app&gt;/heartbeat──► gateway ══tunnel══► container: harpoon exapp (Java frpc) ◄┘
 * </pre>
 *
 * The ExApp image is Harpoon's own {@code gpu-exapp:<v>-cpu} ({@code FROM scratch} + jlink runtime, built from local
 * material by {@code docker/build-images.sh}), present on the engine as AppAPI's "local" registry expects. It has no
 * shell and no {@code cat}: {@code install_certificates} must still install the FRP client certificates (one tar,
 * directories included) and skip the system bundle with a warning, and the ExApp then logs in with them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerDeployIT {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().builtInTunnel(UnaryOperator.identity())
            .env("HP_TIMEOUT_CONNECT", "5s");

    static final int ENGINE = 24001;
    static final String APP = "harpoon_deploy_it";
    static final String CONTAINER = "nc_app_" + APP;
    static final String VOLUME = CONTAINER + "_data";
    static final String EXAPP_REPO = "harpoon-test/deploy-exapp";
    static final String IMAGE = EXAPP_REPO + ":it-cpu";
    static final String SECRET = "deploy-it-secret-7f1e";
    static final ObjectMapper JSON = new ObjectMapper();
    static TunnelClient engineFrpc;
    static DockerClient docker;
    static int appPort;

    @BeforeAll
    static void remoteEngineThroughTheTunnel() throws Exception {
        Path socket = RemoteEngines.requireDockerSocket();
        engineFrpc = RemoteEngines.connect(GW.gateway(), GW.certsDir(), GatewayExtension.KEY, "docker-engine-it",
                ENGINE, socket);
        Engine e = awaitEngine(Engine.Status.UP);
        docker = e.docker(); // the registry's own client, through the tunnel
        buildImages();
        appPort = FrpExApps.freeAppPorts(1).get(0);
        GW.nextcloud().exApp(APP, NextcloudStandIn.record(SECRET, "1.0.0", "127.0.0.1", appPort, "[]"));
    }

    @AfterAll
    static void cleanUp() {
        if (docker != null) {
            try {
                docker.removeContainerCmd(CONTAINER).withForce(true).exec();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        if (engineFrpc != null) {
            engineFrpc.close();
        }
        for (String image : List.of(IMAGE, EXAPP_REPO + ":it", "harpoon-test/deploy-gateway:it")) {
            try {
                DockerCli.exec(List.of("docker", "rmi", "-f", image), Path.of("."), java.util.Map.of(), 60);
            } catch (Exception e) {
                // best effort
            }
        }
    }

    static Engine awaitEngine(Engine.Status status) throws InterruptedException {
        return RemoteEngines.await(GW.gateway(), ENGINE, status);
    }

    /** Harpoon's cpu images, built straight on the test engine (as an admin would on the remote host). */
    static void buildImages() throws Exception {
        Path jar = Path.of("target", "harpoon.jar").toAbsolutePath();
        Path script = Path.of("..", "docker", "build-images.sh").toAbsolutePath().normalize();
        DockerCli.Result build = DockerCli.exec(List.of("bash", script.toString()), script.getParent(), java.util.Map.of(
                "JAVA_HOME", System.getProperty("java.home"), "HARPOON_JAR", jar.toString(),
                "HARPOON_IMAGE_STAGE", Path.of("target", "docker-stage").toAbsolutePath().toString(),
                "HARPOON_IMAGE_VERSION", "it", "HARPOON_GATEWAY_IMAGE", "harpoon-test/deploy-gateway",
                "HARPOON_EXAPP_IMAGE", EXAPP_REPO), 600);
        assertEquals(0, build.exit(), build.output());
    }

    @Test
    @Order(1)
    void checkConnectionIsNegotiatedDownToTheEnginesApi() throws Exception {
        HttpResponse<String> ping = docker("GET", "/v1.44/_ping", null, ENGINE);
        assertEquals(200, ping.statusCode(), "AppAPI's /v1.44 ping against a 1.41 engine: " + ping.body());
        assertEquals("OK", ping.body());
        HttpResponse<String> image = docker("GET", "/v1.44/images/" + IMAGE + "/json", null, ENGINE);
        assertEquals(200, image.statusCode(), image.body());
        assertEquals(403, docker("GET", "/v1.44/containers/json", null, ENGINE).statusCode(), "not whitelisted");
    }

    @Test
    @Order(2)
    void deploySequenceThenHeartbeatThroughTheGateway() throws Exception {
        String id = "{\"name\":\"" + APP + "\",\"instance_id\":\"\"}";
        assertEquals("{\"exists\":false}", docker("POST", "/docker/exapp/exists", id, ENGINE).body());
        HttpResponse<String> created = docker("POST", "/docker/exapp/create", createBody(), ENGINE);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(CONTAINER, JSON.readTree(created.body()).path("name").asText());
        HttpResponse<String> dup = docker("POST", "/docker/exapp/create", createBody(), ENGINE);
        assertEquals(409, dup.statusCode(), dup.body());

        String bundle = Files.readString(GW.certsDir().resolve("frp").resolve("ca.crt")); // any PEM bundle
        HttpResponse<String> certs = docker("POST", "/docker/exapp/install_certificates", JSON.createObjectNode()
                .put("name", APP).put("instance_id", "").put("system_certs_bundle", bundle)
                .put("install_frp_certs", true).toString(), ENGINE);
        assertEquals(204, certs.statusCode(), certs.body());
        assertEquals(204, docker("POST", "/docker/exapp/start", id, ENGINE).statusCode());
        JsonNode waited = JSON.readTree(docker("POST", "/docker/exapp/wait_for_start", id, ENGINE).body());
        assertTrue(waited.path("started").asBoolean(), waited.toString());

        HttpResponse<String> inspect = docker("GET", "/v1.44/containers/" + CONTAINER + "/json", null, ENGINE);
        assertEquals(200, inspect.statusCode(), inspect.body());
        assertTrue(JSON.readTree(inspect.body()).path("State").path("Running").asBoolean());

        var frps = GW.gateway().tunnelServer().orElseThrow();
        for (int i = 0; i < 1200 && !frps.proxyNames().contains(APP); i++) {
            Thread.sleep(25); // JVM start inside the container, then its frpc login with the installed certs
        }
        assertTrue(frps.proxyNames().contains(APP), "the ExApp container's frpc registered " + APP + "; logs: "
                + docker("GET", "/v1.44/containers/" + CONTAINER + "/logs?stdout=1&stderr=1", null, ENGINE).body());
        HttpResponse<String> hb = signed("/heartbeat");
        assertEquals(200, hb.statusCode(), hb.body());
        assertEquals("{\"status\":\"ok\"}", hb.body());
        HttpResponse<String> logs = docker("GET", "/v1.44/containers/" + CONTAINER + "/logs?stdout=1&stderr=1",
                null, ENGINE);
        assertEquals(200, logs.statusCode());
        assertFalse(logs.body().contains(SECRET), "the ExApp never logs its secret");
    }

    @Test
    @Order(3)
    void stopAndRemoveWithAndWithoutData() throws Exception {
        String id = "{\"name\":\"" + APP + "\",\"instance_id\":\"\"}";
        assertEquals(204, docker("POST", "/docker/exapp/stop", id, ENGINE).statusCode());
        assertEquals("Container already stopped", docker("POST", "/docker/exapp/stop", id, ENGINE).body());
        assertEquals(204, docker("POST", "/docker/exapp/remove", "{\"name\":\"" + APP + "\",\"remove_data\":false}",
                ENGINE).statusCode());
        docker.inspectVolumeCmd(VOLUME).exec(); // kept
        assertEquals(204, docker("POST", "/docker/exapp/remove", "{\"name\":\"" + APP + "\",\"remove_data\":true}",
                ENGINE).statusCode());
        assertEquals(404, docker("GET", "/v1.44/containers/" + CONTAINER + "/json", null, ENGINE).statusCode());
        try {
            docker.inspectVolumeCmd(VOLUME).exec();
            throw new AssertionError("volume " + VOLUME + " should be gone");
        } catch (NotFoundException expected) {
            // removed with the data
        }
    }

    @Test
    @Order(4)
    void engineLostIs503WithAReason() throws Exception {
        engineFrpc.close();
        awaitEngine(Engine.Status.DOWN);
        HttpResponse<String> r = docker("POST", "/docker/exapp/exists", "{\"name\":\"" + APP + "\"}", ENGINE);
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("24001"), r.body());
        assertEquals(503, docker("GET", "/v1.44/_ping", null, ENGINE).statusCode(), "pass-through too");
    }

    static String createBody() {
        ObjectNode b = JSON.createObjectNode().put("name", APP).put("instance_id", "").put("image_id", IMAGE)
                .put("network_mode", "host").put("restart_policy", "no").put("compute_device", "cpu")
                .put("start_container", true);
        ArrayNode env = b.putArray("environment_variables");
        env.add("APP_ID=" + APP).add("APP_SECRET=" + SECRET).add("APP_VERSION=1.0.0").add("APP_HOST=127.0.0.1")
                .add("APP_PORT=" + appPort).add("APP_PERSISTENT_STORAGE=/" + VOLUME).add("COMPUTE_DEVICE=cpu")
                .add("NEXTCLOUD_URL=http://127.0.0.1:9").add("HP_FRP_ADDRESS=127.0.0.1")
                .add("HP_FRP_PORT=" + GW.gateway().frpAddress().orElseThrow().getPort())
                .add("HP_SHARED_KEY=" + GatewayExtension.KEY);
        b.putObject("resource_limits").put("memory", 1L << 30);
        return b.toString();
    }

    static HttpResponse<String> docker(String method, String path, String body, int port) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(GW.uri("/exapps/app_api" + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("harp-shared-key", GatewayExtension.KEY)
                .header("docker-engine-port", Integer.toString(port))
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("app_api_haproxy_user:" + GatewayExtension.KEY).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        return GW.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signed(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(GW.uri("/exapps/" + APP + path)).timeout(Duration.ofSeconds(20))
                .header("ex-app-id", APP).header("ex-app-version", "1.0.0").header("ex-app-host", "127.0.0.1")
                .header("ex-app-port", Integer.toString(appPort)).header("aa-version", "32")
                .header("harp-shared-key", GatewayExtension.KEY)
                .header("authorization-app-api", Base64.getEncoder().encodeToString((":" + SECRET)
                        .getBytes(StandardCharsets.UTF_8))).GET().build();
        return GW.http().send(r, HttpResponse.BodyHandlers.ofString());
    }
}
