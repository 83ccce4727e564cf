package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.testsupport.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cpu images as an operator runs them, on the real dockerd of {@code $DOCKER_HOST}:
 *
 * <pre>
 *  test (host) ──HTTP──► gateway container IP:8780   --read-only --tmpfs /tmp, host dir at /certs (it generates frp/)
 *                          ▲ FRP :8782, mTLS with the generated certificates, shared key
 *                          │ (dialled by container name: Docker's embedded DNS through the jlink'ed JVM's resolver)
 *                        gpu-exapp container          --read-only, /certs/frp bind-mounted read-only, CPU backend
 * </pre>
 *
 * Builds both images with {@code docker/build-images.sh} (local material only), on a user-defined bridge (the test
 * engine runs {@code --bridge=none}; spec docker-engine-for-tests.md §6.3). Everything it creates carries a random
 * tag and is removed in {@link #removeEverythingCreated()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerImagesIT {
    private static final String RUN = "it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String GATEWAY_REPO = "harpoon-it/gateway";
    private static final String EXAPP_REPO = "harpoon-it/gpu-exapp";
    private static final String GATEWAY = GATEWAY_REPO + ":" + RUN;
    private static final String EXAPP = EXAPP_REPO + ":" + RUN + "-cpu";
    private static final String NETWORK = "harpoon-" + RUN;
    private static final String GW_NAME = "harpoon-gw-" + RUN;
    private static final String EX_NAME = "harpoon-ex-" + RUN;
    private static final String KEY = "it-shared-key-" + RUN;
    private static final String APP = "harpoon_vectors";
    private static final String SECRET = "it-exapp-secret-" + RUN;
    private static final int APP_PORT = 23017;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<String> created = new ArrayList<>();
    private static Path certs;
    private static String gatewayIp;
    private static long buildMillis;

    @BeforeAll
    static void buildImagesAndStartBothContainers() throws Exception {
        String missing = DockerCli.unavailableReason();
        Requirements.require("docker", missing == null, missing);
        Path jar = Path.of("target", "harpoon.jar").toAbsolutePath();
        Path script = Path.of("..", "docker", "build-images.sh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " (Failsafe runs after package)");

        long t0 = System.nanoTime();
        created.add("image:" + GATEWAY);
        created.add("image:" + EXAPP);
        created.add("image:" + EXAPP_REPO + ":" + RUN);
        DockerCli.Result build = DockerCli.exec(List.of("bash", script.toString()), script.getParent(), Map.of(
                "JAVA_HOME", System.getProperty("java.home"), "HARPOON_JAR", jar.toString(),
                "HARPOON_IMAGE_STAGE", Path.of("target", "docker-stage").toAbsolutePath().toString(),
                "HARPOON_IMAGE_VERSION", RUN, "HARPOON_GATEWAY_IMAGE", GATEWAY_REPO,
                "HARPOON_EXAPP_IMAGE", EXAPP_REPO), 600);
        buildMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("DockerImagesIT: build-images.sh took " + buildMillis + " ms\n" + build.output());
        assertEquals(0, build.exit(), build.output());

        created.add("network:" + NETWORK);
        DockerCli.check(60, "network", "create", "--driver", "bridge", NETWORK);
        certs = Files.createTempDirectory("harpoon-it-certs");
        // The gateway runs as uid 10001 and must create /certs/frp in this root-owned host directory.
        Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwxrwxrwx"));
        created.add("container:" + GW_NAME);
        DockerCli.check(120, "run", "-d", "--name", GW_NAME, "--network", NETWORK, "--read-only", "--tmpfs", "/tmp",
                "-v", certs + ":/certs", "-e", "HP_SHARED_KEY=" + KEY, "-e", "HP_LOG_LEVEL=info", GATEWAY);
        gatewayIp = DockerCli.check(30, "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                GW_NAME);
        Path clientKey = certs.resolve("frp").resolve("client.key");
        for (int i = 0; i < 300 && !Files.exists(clientKey); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(clientKey), "the gateway generated /certs/frp within 30 s; logs:\n" + logs(GW_NAME));

        created.add("container:" + EX_NAME);
        DockerCli.check(120, "run", "-d", "--name", EX_NAME, "--network", NETWORK, "--read-only", "--tmpfs", "/tmp",
                "--tmpfs", "/nc_app_harpoon_vectors_data", "-v", certs.resolve("frp") + ":/certs/frp:ro",
                // AppAPI's injection for a HaRP daemon without exapp_direct (exapp-contract.md §6.1)
                "-e", "APP_ID=" + APP, "-e", "APP_SECRET=" + SECRET, "-e", "APP_VERSION=0.1.0",
                "-e", "APP_HOST=127.0.0.1", "-e", "APP_PORT=" + APP_PORT, "-e", "COMPUTE_DEVICE=CPU",
                "-e", "APP_PERSISTENT_STORAGE=/nc_app_harpoon_vectors_data", "-e", "HP_SHARED_KEY=" + KEY,
                "-e", "HP_FRP_ADDRESS=" + GW_NAME, "-e", "HP_FRP_PORT=8782", EXAPP);
    }

    @AfterAll
    static void removeEverythingCreated() throws IOException {
        List<String> leaked = new ArrayList<>();
        try {
            for (String name : List.of(GW_NAME, EX_NAME)) {
                if (created.contains("container:" + name)) {
                    String logs = logs(name);
                    System.out.println("---- docker logs " + name + " (tail)\n" + tail(logs, 30));
                    if (logs.contains(KEY) || logs.contains(SECRET)) {
                        leaked.add(name);
                    }
                }
            }
        } finally {
            remove();
        }
        assertTrue(leaked.isEmpty(), "the shared key or the ExApp secret showed up in the logs of " + leaked);
    }

    private static void remove() throws IOException {
        for (String what : created.reversed()) {
            String kind = what.substring(0, what.indexOf(':'));
            String name = what.substring(what.indexOf(':') + 1);
            DockerCli.Result r = switch (kind) {
                case "container" -> DockerCli.run(60, "rm", "-f", "-v", name);
                case "network" -> DockerCli.run(60, "network", "rm", name);
                default -> DockerCli.run(60, "rmi", "-f", name);
            };
            if (!r.ok() && !r.output().contains("No such")) {
                System.out.println("DockerImagesIT: could not remove " + what + ": " + r.trimmed());
            }
        }
        if (certs != null) {
            try (Stream<Path> files = Files.walk(certs)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.out.println("DockerImagesIT: left " + certs + " behind: " + e);
            }
        }
    }

    @Test
    @Order(1)
    void imagesCarryHarpsPortsVolumeEnvAndHealthcheck() throws Exception {
        JsonNode gw = JSON.readTree(DockerCli.check(30, "image", "inspect", GATEWAY)).get(0).get("Config");
        for (String port : List.of("8780/tcp", "8781/tcp", "8782/tcp")) {
            assertTrue(gw.get("ExposedPorts").has(port), port + " in " + gw.get("ExposedPorts"));
        }
        assertTrue(gw.get("Volumes").has("/certs"), String.valueOf(gw.get("Volumes")));
        JsonNode hc = gw.get("Healthcheck");
        assertEquals(10_000_000_000L, hc.get("Interval").asLong());
        assertEquals(10_000_000_000L, hc.get("Timeout").asLong());
        assertEquals(9, hc.get("Retries").asInt());
        List<String> env = new ArrayList<>();
        gw.get("Env").forEach(e -> env.add(e.asText()));
        for (String e : List.of("HP_EXAPPS_ADDRESS=0.0.0.0:8780", "HP_EXAPPS_HTTPS_ADDRESS=0.0.0.0:8781",
                "HP_FRP_ADDRESS=0.0.0.0:8782", "HP_SPOA_ADDRESS=127.0.0.1:9600", "HP_FRP_DISABLE_TLS=false",
                "HP_TIMEOUT_CONNECT=30s", "HP_TIMEOUT_CLIENT=30s", "HP_TIMEOUT_SERVER=1800s", "NC_INSTANCE_URL=",
                "HP_TRUSTED_PROXY_IPS=", "HP_LOG_LEVEL=warning")) {
            assertTrue(env.contains(e), e + " in " + env);
        }
        assertEquals("10001:10001", gw.get("User").asText());
        assertEquals("true", DockerCli.check(30, "inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", GW_NAME));
        // The plain tag is AppAPI's fallback when <tag>-cpu cannot be found (exapp-contract.md §7).
        assertEquals(DockerCli.check(30, "image", "inspect", "-f", "{{.Id}}", EXAPP),
                DockerCli.check(30, "image", "inspect", "-f", "{{.Id}}", EXAPP_REPO + ":" + RUN));
    }

    @Test
    @Order(2)
    void signedHeartbeatReachesTheExAppContainerThroughTheGatewayContainer() throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) { // the ExApp's frpc logs in a few seconds after its JVM starts
            try {
                r = signed("GET", "/heartbeat", null);
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // gateway not accepting yet
            }
            Thread.sleep(250);
        }
        assertTrue(r != null && r.statusCode() == 200, "heartbeat through the gateway: "
                + (r == null ? "no answer" : r.statusCode() + " " + r.body()) + "\n" + tail(logs(EX_NAME), 20));
        assertEquals("{\"status\":\"ok\"}", r.body());
        // harp-contract.md §9.3.1: unsigned lifecycle calls are dropped without an answer.
        assertEquals("", raw("GET /exapps/" + APP + "/heartbeat HTTP/1.1\r\nHost: nc\r\n\r\n"));
    }

    @Test
    @Order(3)
    void signedSearchRunsOnTheCpuBackendInsideTheImage() throws Exception {
        assertEquals(201, signed("PUT", "/v1/collections/it", "{\"dimension\":4}").statusCode());
        HttpResponse<String> up = signed("POST", "/v1/collections/it/vectors", "{\"vectors\":["
                + "{\"id\":1,\"vector\":[1,0,0,0]},{\"id\":2,\"vector\":[0,1,0,0]},{\"id\":3,\"vector\":[0.9,0.1,0,0]}]}");
        assertEquals(200, up.statusCode(), up.body());
        HttpResponse<String> r = signed("POST", "/v1/collections/it/search",
                "{\"queries\":[[1,0,0,0]],\"k\":2,\"metric\":\"cosine\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("cpu", body.get("backend").asText(), r.body());
        assertEquals(1, body.get("results").get(0).get(0).get("id").asInt(), r.body());
        assertEquals(3, body.get("results").get(0).get(1).get("id").asInt(), r.body());
    }

    @Test
    @Order(4)
    void gatewayContainerTurnsHealthyOnItsReadOnlyRoot() throws Exception {
        String status = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos(); // first probe 10 s after start
        while (System.nanoTime() < deadline && !status.equals("healthy")) {
            status = DockerCli.check(30, "inspect", "-f", "{{.State.Status}}/{{.State.Health.Status}}", GW_NAME)
                    .replaceFirst("^running/", "");
            if (!status.equals("healthy")) {
                Thread.sleep(500);
            }
        }
        assertEquals("healthy", status, DockerCli.check(30, "inspect", "-f", "{{json .State.Health}}", GW_NAME));
        for (String f : List.of("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key")) {
            assertTrue(Files.isRegularFile(certs.resolve("frp").resolve(f)), "/certs/frp/" + f);
        }
    }

    // ---- helpers ----

    /** As AppAPI calls an ExApp behind a HaRP daemon (harp-contract.md §9.2): the six signed headers. */
    private static HttpResponse<String> signed(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + gatewayIp + ":8780/exapps/" + APP + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("ex-app-id", APP).header("ex-app-version", "0.1.0").header("ex-app-host", "127.0.0.1")
                .header("ex-app-port", Integer.toString(APP_PORT)).header("aa-version", "32")
                .header("harp-shared-key", KEY).header("authorization-app-api", Base64.getEncoder()
                        .encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Bytes the gateway answers on a raw connection before closing it ("" for a silent drop). */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(gatewayIp, 8780), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            try {
                in.transferTo(out);
            } catch (java.net.SocketException e) {
                // reset: an abortive close is a silent drop too
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String logs(String container) throws IOException {
        return DockerCli.run(30, "logs", container).output();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
