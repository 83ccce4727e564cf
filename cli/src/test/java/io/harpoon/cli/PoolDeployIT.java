package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.harpoon.engines.registry.Engine;
import io.harpoon.gateway.Gateway;
import io.harpoon.gateway.config.GatewayConfig;
import io.harpoon.gateway.testing.NextcloudStandIn;
import io.harpoon.scheduler.cli.PlacementsCommand;
import io.harpoon.tunnel.client.TunnelClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * The scheduler's pool engine end to end against the real dockerd (issue #6): two engines, the local one on 24000
 * and a remote one on 24001 through the tunnel (a Java frpc exposing the same dockerd socket, as {@link
 * DockerDeployIT} does), the remote one given two NVIDIA GPUs by a declared inventory ({@code
 * HARPOON_ENGINE_INVENTORY}: the dockerd has no GPU, so a CUDA container is created with pinned DeviceIDs but
 * cannot start). AppAPI's calls go to {@code docker-engine-port: 24999}.
 *
 * <pre>
 *  test (AppAPI) ──► gateway ─ pool 24999 ─► scheduler ─┬─► engine 24000 (local socket) ─┐
 *                                  │ H2 under data dir   └─► engine 24001 ══tunnel══► frpc ┴─► one dockerd
 * </pre>
 *
 * Both engines are one dockerd, so where a call went is observed through the placement store and by taking the
 * remote engine away: a container placed on 24001 is unreachable while 24001 is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolDeployIT {
    static final String KEY = "pool-it-shared-key";
    static final int POOL = 24999;
    static final int REMOTE = 24001;
    static final String IMAGE = "harpoon-test/pool-sleeper:1";
    static final List<String> APPS = List.of("pool_gpu", "pool_cpu", "pool_huge", "pool_lost");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Path socket;
    static Path dataDir;
    static Path certsDir;
    static Path inventory;
    static NextcloudStandIn nextcloud;
    static Gateway gw;
    static TunnelClient remote;

    @BeforeAll
    static void twoEnginesAndAPool() throws Exception {
        socket = RemoteEngines.requireDockerSocket();
        dataDir = Files.createTempDirectory("pool-it-data");
        certsDir = Files.createTempDirectory("pool-it-certs");
        inventory = dataDir.resolveSibling(dataDir.getFileName() + "-inventory.json");
        Files.writeString(inventory, """
                {"engines": {"24001": {
                  "gpus": [{"vendor": "nvidia", "index": 0, "model": "Test-24G", "memory": "24GiB"},
                           {"vendor": "nvidia", "index": 1, "model": "Test-16G", "memory": "16GiB"}],
                  "labels": {"zone": "remote"}}}}
                """);
        nextcloud = new NextcloudStandIn(KEY);
        startGateway();
        connectRemote();
        awaitEngine(REMOTE, Engine.Status.UP);
        Path ctx = Files.createTempDirectory("pool-sleeper");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM local/busybox:1\nCMD [\"sleep\", \"3600\"]\n");
        docker().buildImageCmd(ctx.toFile()).withTags(Set.of(IMAGE)).withNetworkMode("none")
                .exec(new BuildImageResultCallback()).awaitImageId();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (gw != null) {
            DockerClient d = docker();
            for (String app : APPS) {
                try {
                    d.removeContainerCmd("nc_app_" + app).withForce(true).exec();
                } catch (RuntimeException e) {
                    // never created, or already gone
                }
                try {
                    d.removeVolumeCmd("nc_app_" + app + "_data").exec();
                } catch (RuntimeException e) {
                    // no volume
                }
            }
        }
        if (remote != null) {
            remote.close();
        }
        if (gw != null) {
            gw.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (inventory != null) {
            Files.deleteIfExists(inventory);
        }
    }

    @Test
    @Order(1)
    void poolAnswersPingAndKnowsNoContainerYet() throws Exception {
        HttpResponse<String> ping = call("GET", "/v1.44/_ping");
        assertEquals(200, ping.statusCode());
        assertEquals("OK", ping.body());
        HttpResponse<String> unknown = call("GET", "/v1.44/containers/nc_app_pool_nobody/json");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("No such container: nc_app_pool_nobody"), unknown.body());
        assertEquals("{\"exists\":false}", call("POST", "/docker/exapp/exists", id("pool_gpu")).body());
        assertEquals(200, call("GET", "/v1.44/images/" + IMAGE + "/json").statusCode(), "image check");
    }

    @Test
    @Order(2)
    void cudaAppGetsAPinnedGpuOnTheDeclaredGpuEngine() throws Exception {
        // 20 GiB + 512 MiB context overhead fits the 24 GiB GPU 0 only
        HttpResponse<String> created = call("POST", "/docker/exapp/create", create("pool_gpu", "cuda",
                "HARPOON_VRAM=20GiB"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode inspect = JSON.readTree(call("GET", "/v1.44/containers/nc_app_pool_gpu/json").body());
        JsonNode req = inspect.path("HostConfig").path("DeviceRequests").path(0);
        assertEquals("nvidia", req.path("Driver").asText(), inspect.path("HostConfig").toString());
        assertEquals("[\"0\"]", req.path("DeviceIDs").toString(), "pinned instead of Count -1");
        assertTrue(inspect.path("Config").path("Env").toString().contains("NVIDIA_VISIBLE_DEVICES=0"));
        assertTrue(placements().contains("pool_gpu  PLACED on engine-24001 cuda gpus [0]"), placements());
        HttpResponse<String> start = call("POST", "/docker/exapp/start", id("pool_gpu"));
        assertTrue(start.statusCode() >= 500, "no nvidia runtime in the test dockerd: " + start.statusCode() + " "
                + start.body());
    }

    @Test
    @Order(3)
    void cpuAppLandsOnTheEngineWithoutAcceleratorsAndRuns() throws Exception {
        HttpResponse<String> created = call("POST", "/docker/exapp/create", create("pool_cpu", "cpu"));
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(placements().contains("pool_cpu  PLACED on engine-24000 cpu"), placements());
        assertEquals(204, call("POST", "/docker/exapp/start", id("pool_cpu")).statusCode());
        JsonNode waited = JSON.readTree(call("POST", "/docker/exapp/wait_for_start", id("pool_cpu")).body());
        assertTrue(waited.path("started").asBoolean(), waited.toString());
        HttpResponse<String> inspect = call("GET", "/v1.44/containers/nc_app_pool_cpu/json");
        assertTrue(JSON.readTree(inspect.body()).path("State").path("Running").asBoolean(), inspect.body());
        assertEquals(200, call("GET", "/v1.44/containers/nc_app_pool_cpu/logs?stdout=1&stderr=1")
                .statusCode());
    }

    @Test
    @Order(4)
    void noFitIs503WithTheSummaryAndPerEngineReasons() throws Exception {
        HttpResponse<String> r = call("POST", "/docker/exapp/create", create("pool_huge", "cuda",
                "HARPOON_VRAM=100GiB"));
        assertEquals(503, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.path("summary").asText().startsWith("0/2 engines fit: "), r.body());
        assertEquals(2, body.path("explanation").path("verdicts").size(), r.body());
        assertEquals("{\"exists\":false}", call("POST", "/docker/exapp/exists", id("pool_huge")).body());
        String listed = placements();
        assertTrue(listed.contains("pool_huge  REFUSED") && listed.contains("0/2 engines fit"), listed);
    }

    @Test
    @Order(5)
    void restartedGatewayStillRoutesEachContainerToItsEngine() throws Exception {
        gw.close(); // the remote frpc loses its server with it: a shutdown, not an engine loss
        remote.close();
        startGateway(); // same data dir; the remote engine is not back yet
        awaitEngine(24000, Engine.Status.UP);
        assertTrue(placements().contains("pool_gpu  PLACED on engine-24001"), "not lost: " + placements());
        HttpResponse<String> cpu = call("GET", "/v1.44/containers/nc_app_pool_cpu/json");
        assertEquals(200, cpu.statusCode(), "routed by the stored placement: " + cpu.body());
        assertNotEquals(200, call("GET", "/v1.44/containers/nc_app_pool_gpu/json").statusCode(),
                "pool_gpu lives on 24001, which is not connected");
        connectRemote();
        awaitEngine(REMOTE, Engine.Status.UP);
        HttpResponse<String> gpu = call("GET", "/v1.44/containers/nc_app_pool_gpu/json");
        assertEquals(200, gpu.statusCode(), gpu.body());
        assertEquals("[\"0\"]", JSON.readTree(gpu.body()).path("HostConfig").path("DeviceRequests").path(0)
                .path("DeviceIDs").toString());
        assertTrue(placements().contains("pool_gpu  PLACED on engine-24001"), placements());
    }

    @Test
    @Order(6)
    void lostEngineIsMarkedAndTheNextStartPlacesTheAppAgain() throws Exception {
        HttpResponse<String> created = call("POST", "/docker/exapp/create", create("pool_lost", "cpu",
                "HARPOON_ANTI_AFFINITY=pool_cpu")); // not next to pool_cpu: the remote engine
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(placements().contains("pool_lost  PLACED on engine-24001 cpu"), placements());
        assertEquals(204, call("POST", "/docker/exapp/start", id("pool_lost")).statusCode());
        assertEquals(204, call("POST", "/docker/exapp/remove", "{\"name\":\"pool_cpu\",\"remove_data\":true}")
                .statusCode(), "frees the anti-affinity partner");

        remote.close();
        awaitEngine(REMOTE, Engine.Status.DOWN);
        for (int i = 0; i < 200 && !placements().contains("pool_lost  LOST"); i++) {
            Thread.sleep(25);
        }
        assertTrue(placements().contains("pool_lost  LOST on engine-24001"), placements());
        // the lost host's containers are out of reach; here both engines are one dockerd, so take it away by hand
        docker().removeContainerCmd("nc_app_pool_lost").withForce(true).exec();

        HttpResponse<String> start = call("POST", "/docker/exapp/start", id("pool_lost"));
        assertEquals(204, start.statusCode(), start.body());
        assertTrue(placements().contains("pool_lost  PLACED on engine-24000 cpu"), placements());
        HttpResponse<String> inspect = call("GET", "/v1.44/containers/nc_app_pool_lost/json");
        assertTrue(JSON.readTree(inspect.body()).path("State").path("Running").asBoolean(), inspect.body());
    }

    static void startGateway() throws Exception {
        Map<String, String> e = new HashMap<>();
        e.put("HP_SHARED_KEY", KEY);
        e.put("NC_INSTANCE_URL", nextcloud.url());
        e.put("HP_EXAPPS_ADDRESS", "127.0.0.1:0");
        e.put("HP_EXAPPS_HTTPS_ADDRESS", "127.0.0.1:0");
        e.put("HARPOON_CONTROL_ADDRESS", "127.0.0.1:0");
        e.put("HARPOON_ADMIN_ADDRESS", "127.0.0.1:0");
        e.put("HP_FRP_ADDRESS", "127.0.0.1:0");
        e.put("HP_TIMEOUT_CONNECT", "5s");
        e.put("HP_CERTS_DIR", certsDir.toString());
        e.put("HARPOON_DATA_DIR", dataDir.toString());
        e.put("HARPOON_LOCAL_DOCKER", "unix://" + socket);
        e.put("HARPOON_ENGINE_INVENTORY", inventory.toString());
        e.put("HARPOON_POOL_PORT", Integer.toString(POOL));
        gw = Gateway.startWithTunnel(GatewayConfig.fromEnvironment(e), UnaryOperator.identity());
    }

    static void connectRemote() throws Exception {
        remote = RemoteEngines.connect(gw, certsDir, KEY, "docker-engine-pool-it", REMOTE, socket);
    }

    static Engine awaitEngine(int port, Engine.Status status) throws InterruptedException {
        return RemoteEngines.await(gw, port, status);
    }

    static DockerClient docker() throws InterruptedException {
        return awaitEngine(24000, Engine.Status.UP).docker();
    }

    static String placements() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new PlacementsCommand());
        cl.setOut(new PrintWriter(out));
        cl.execute("--data-dir", dataDir.toString(), "--all-engines");
        return out.toString();
    }

    static String id(String app) {
        return "{\"name\":\"" + app + "\",\"instance_id\":\"\"}";
    }

    static String create(String app, String device, String... env) {
        ObjectNode b = JSON.createObjectNode().put("name", app).put("instance_id", "").put("image_id", IMAGE)
                .put("network_mode", "none").put("restart_policy", "no").put("compute_device", device)
                .put("start_container", true);
        var vars = b.putArray("environment_variables").add("APP_ID=" + app).add("APP_SECRET=pool-it-secret")
                .add("COMPUTE_DEVICE=" + device);
        for (String v : env) {
            vars.add(v);
        }
        b.putObject("resource_limits").put("memory", 64L << 20);
        return b.toString();
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        return call(method, path, null);
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gw.httpAddress().getPort() + "/exapps/app_api" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("harp-shared-key", KEY)
                .header("docker-engine-port", Integer.toString(POOL));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
