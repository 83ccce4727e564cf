package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.exapp.ExAppConfig;
import io.harpoon.exapp.ExAppServer;
import io.harpoon.gateway.testing.FrpExApps;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import io.harpoon.testsupport.Requirements;
import io.netty.channel.epoll.Epoll;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole HaRP FRP path in one JVM, as a browser or OCS client sees it:
 *
 * <pre>
 *  HTTP client ──► gateway :8780 (port 0) /exapps/harpoon_vectors/...
 *                    │ exapp-meta + user-info ◄── NextcloudStandIn (routes of gpu-exapp's appinfo/info.xml)
 *                    │ route ACL, AUTHORIZATION-APP-API = base64(user:exapp_token)
 *                    ▼
 *                  built-in FRP server ══ mTLS (certs generated in HP_CERTS_DIR/frp) + yamux ══ Java frpc
 *                                                                                                │
 *                                            gpu-exapp (FRP mode, CPU) on a unix socket ◄────────┘
 * </pre>
 *
 * Status codes and bodies are the gateway's (spec harp-contract.md §6.1, §9.2, §9.3): an anonymous client on a USER
 * route gets HaRP's {@code 403 Forbidden} (access level 0 &lt; 1), not 401; 401 is what the ExApp itself answers
 * when {@code AUTHORIZATION-APP-API} is wrong, which the signed (AppAPI) path lets through unchanged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExAppThroughGatewayIT {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().builtInTunnel(UnaryOperator.identity());

    private static final String APP = "harpoon_vectors";
    private static final String VERSION = "0.1.0";
    private static final String SECRET = "e2e-exapp-token-4c1d8f2a";
    private static final String BASE = "/exapps/" + APP;
    /** gpu-exapp's appinfo/info.xml routes as Nextcloud sends them in exapp-meta (no verb, no headers_to_exclude). */
    private static final String ROUTES = """
            [{"url":"^/v1/info$","access_level":1,"bruteforce_protection":[401]},
             {"url":"^/v1/collections/[a-z0-9][a-z0-9_-]*/search$","access_level":1,"bruteforce_protection":[401]},
             {"url":"^/v1/collections","access_level":2,"bruteforce_protection":[401]}]""";
    private static final String[] ADMIN = {"cookie", "oc_sessionPassphrase=" + NextcloudStandIn.ADMIN_COOKIE};
    private static final String[] USER = {"authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("user:" + NextcloudStandIn.USER_APP_PASSWORD).getBytes(StandardCharsets.UTF_8))};
    private static final String[] ANONYMOUS = {};
    private static final int DIM = 16;
    private static final int COUNT = 300;
    private static final int K = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static int appPort;
    private static ExAppServer exApp;
    private static float[][] vectors;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final Logger HARPOON = (Logger) LoggerFactory.getLogger("io.harpoon");
    private static Level previousLevel;

    @BeforeAll
    static void exAppBehindTheGatewaysTunnel() throws Exception {
        Requirements.require("netty native epoll", Epoll.isAvailable(), String.valueOf(Epoll.unavailabilityCause()));
        previousLevel = HARPOON.getLevel();
        HARPOON.setLevel(Level.DEBUG); // the most talkative setting is where a leaked secret would show
        LOGS.start();
        ROOT.addAppender(LOGS);
        List<Integer> ports = FrpExApps.freeAppPorts(1);
        Assumptions.assumeTrue(ports.size() == 1, "needs a free loopback port in HaRP's 23000-23999, found none");
        appPort = ports.get(0);
        GW.nextcloud().exApp(APP, NextcloudStandIn.record(SECRET, VERSION, "127.0.0.1", appPort, ROUTES));
        Map<String, String> env = new HashMap<>();
        env.put("APP_ID", APP);
        env.put("APP_SECRET", SECRET);
        env.put("APP_VERSION", VERSION);
        env.put("APP_HOST", "127.0.0.1");
        env.put("APP_PORT", Integer.toString(appPort));
        env.put("APP_PERSISTENT_STORAGE", dir.resolve("data").toString());
        env.put("COMPUTE_DEVICE", "cpu");
        env.put("HP_SHARED_KEY", GatewayExtension.KEY);
        env.put("HP_FRP_ADDRESS", "127.0.0.1");
        env.put("HP_FRP_PORT", Integer.toString(GW.gateway().frpAddress().orElseThrow().getPort()));
        env.put("HP_CERTS_DIR", GW.certsDir().toString());
        env.put("HP_EXAPP_SOCK", dir.resolve("exapp.sock").toString());
        exApp = ExAppServer.start(ExAppConfig.fromEnv(env));
        var frps = GW.gateway().tunnelServer().orElseThrow();
        for (int i = 0; i < 400 && !frps.proxyNames().contains(APP); i++) {
            Thread.sleep(25);
        }
        assertTrue(frps.proxyNames().contains(APP), "the ExApp's frpc registered proxy " + APP + " within 10 s");
        Random random = new Random(20261128L);
        vectors = new float[COUNT][DIM];
        for (float[] v : vectors) {
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
        }
    }

    @AfterAll
    static void stopAndCheckNoSecretWasLogged() throws Exception {
        if (exApp != null) {
            exApp.close();
        }
        ROOT.detachAppender(LOGS);
        HARPOON.setLevel(previousLevel);
        List<String> secrets = List.of(GatewayExtension.KEY, SECRET, NextcloudStandIn.USER_APP_PASSWORD,
                NextcloudStandIn.ADMIN_COOKIE, USER[1].substring("Basic ".length()),
                Base64.getEncoder().encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertTrue(List.copyOf(LOGS.list).stream().anyMatch(e -> e.getFormattedMessage().contains("silent drop")),
                "the capture saw the gateway's request log (else the check below would pass vacuously)");
        for (ILoggingEvent e : List.copyOf(LOGS.list)) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : " " + e.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret was logged by " + e.getLoggerName());
            }
        }
    }

    @Test
    @Order(1)
    void heartbeatSignedByAppApiReachesTheExAppAndUnsignedIsDropped() throws Exception {
        HttpResponse<String> r = signed("GET", "/heartbeat", null, "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"ok\"}", r.body());
        // §9.3.1: an unsigned lifecycle call is dropped without any HTTP answer.
        GatewayExtension.RawResponse raw = GW.raw("GET " + BASE + "/heartbeat HTTP/1.1\r\nHost: nc\r\n\r\n");
        assertTrue(raw.closed() && raw.text().isEmpty(), "silent drop, got: " + raw.text());
    }

    @Test
    @Order(2)
    void adminCreatesACollectionAndUserSearchesIt() throws Exception {
        HttpResponse<String> created = call("PUT", "/v1/collections/docs", "{\"dimension\":" + DIM + "}", ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        StringBuilder body = new StringBuilder("{\"vectors\":[");
        for (int id = 0; id < COUNT; id++) {
            body.append(id == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"vector\":").append(json(vectors[id]))
                    .append('}');
        }
        HttpResponse<String> up = call("POST", "/v1/collections/docs/vectors", body.append("]}").toString(), ADMIN);
        assertEquals(200, up.statusCode(), up.body());
        assertEquals(COUNT, JSON.readTree(up.body()).get("count").asInt());
        HttpResponse<String> info = call("GET", "/v1/collections/docs", null, ADMIN);
        assertEquals(200, info.statusCode(), info.body());
        assertEquals(DIM, JSON.readTree(info.body()).get("dimension").asInt());

        Random random = new Random(7);
        float[][] queries = new float[3][DIM];
        for (float[] q : queries) {
            for (int d = 0; d < DIM; d++) {
                q[d] = (float) random.nextGaussian();
            }
        }
        queries[2] = vectors[42].clone(); // an exact member must come back first
        StringBuilder search = new StringBuilder("{\"queries\":[");
        for (int i = 0; i < queries.length; i++) {
            search.append(i == 0 ? "" : ",").append(json(queries[i]));
        }
        search.append("],\"k\":").append(K).append(",\"metric\":\"cosine\"}");
        HttpResponse<String> r = call("POST", "/v1/collections/docs/search", search.toString(), USER);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertEquals(queries.length, results.size(), r.body());
        assertEquals("cpu", JSON.readTree(r.body()).get("backend").asText(), r.body());
        for (int i = 0; i < queries.length; i++) {
            List<Integer> expected = topK(queries[i]);
            List<Integer> got = new ArrayList<>();
            results.get(i).forEach(hit -> got.add(hit.get("id").asInt()));
            assertEquals(expected, got, "query " + i + ": " + results.get(i));
        }
        assertEquals(42, results.get(2).get(0).get("id").asInt());

        HttpResponse<String> userInfo = call("GET", "/v1/info", null, USER);
        assertEquals(200, userInfo.statusCode(), userInfo.body());
    }

    @Test
    @Order(3)
    void anonymousIsForbiddenOnUserRoutesAndUserOnAdminRoutes() throws Exception {
        for (String path : List.of("/v1/info", "/v1/collections/docs/search")) {
            HttpResponse<String> r = path.endsWith("search") ? call("POST", path, "{}", ANONYMOUS)
                    : call("GET", path, null, ANONYMOUS);
            assertEquals(403, r.statusCode(), path + ": " + r.body());
            assertEquals("403 Forbidden", r.body());
        }
        HttpResponse<String> r = call("PUT", "/v1/collections/sneaky", "{\"dimension\":3}", USER);
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("403 Forbidden", r.body());
        HttpResponse<String> none = call("GET", "/nowhere", null, USER);
        assertEquals(404, none.statusCode(), none.body());
        assertEquals("404 Not Found", none.body());
        // The refused PUT never reached the ExApp: the admin's listing has no such collection.
        HttpResponse<String> list = call("GET", "/v1/collections", null, ADMIN);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(!list.body().contains("sneaky"), list.body());
    }

    @Test
    @Order(4)
    void theExAppChecksAppApiAuthenticationItself() throws Exception {
        // Signed requests skip the route ACL and keep AUTHORIZATION-APP-API as sent, so the ExApp's own check shows:
        HttpResponse<String> forged = signed("GET", "/v1/info", null, "admin:not-the-token");
        assertEquals(401, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("\"error\""), forged.body());
        HttpResponse<String> genuine = signed("GET", "/v1/info", null, "admin:" + SECRET);
        assertEquals(200, genuine.statusCode(), genuine.body());
        // ...hence the 200s above through unsigned user routes carried the gateway's valid base64(user:exapp_token).
    }

    // ---- helpers ----

    private static HttpResponse<String> call(String method, String path, String body, String[] headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(GW.uri(BASE + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return GW.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As AppAPI calls a HaRP daemon's ExApp (§9.2): all six headers, the shared key among them. */
    private static HttpResponse<String> signed(String method, String path, String body, String userAndSecret)
            throws Exception {
        String auth = userAndSecret.isEmpty() ? ":" + SECRET : userAndSecret;
        return call(method, path, body, new String[] {"ex-app-id", APP, "ex-app-version", VERSION,
                "ex-app-host", "127.0.0.1", "ex-app-port", Integer.toString(appPort), "aa-version", "32",
                "harp-shared-key", GatewayExtension.KEY, "authorization-app-api",
                Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8))});
    }

    private static String json(float[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int d = 0; d < v.length; d++) {
            s.append(d == 0 ? "" : ",").append(v[d]);
        }
        return s.append(']').toString();
    }

    /**
     * Cosine top-k in double precision, descending score then ascending id (the ExApp's ranking rule). Fails when
     * two neighbouring scores around the cut are too close for float32 to order reliably (a data problem, not a bug).
     */
    private static List<Integer> topK(float[] q) {
        double[] score = new double[COUNT];
        for (int id = 0; id < COUNT; id++) {
            double dot = 0, nq = 0, nv = 0;
            for (int d = 0; d < DIM; d++) {
                dot += (double) q[d] * vectors[id][d];
                nq += (double) q[d] * q[d];
                nv += (double) vectors[id][d] * vectors[id][d];
            }
            score[id] = dot / Math.sqrt(nq * nv);
        }
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < COUNT; id++) {
            ids.add(id);
        }
        ids.sort(Comparator.<Integer>comparingDouble(id -> -score[id]).thenComparing(id -> id));
        for (int i = 0; i < K; i++) {
            assertTrue(score[ids.get(i)] - score[ids.get(i + 1)] > 1e-5, "test data: scores " + i + "/" + (i + 1)
                    + " too close to rank in float32");
        }
        return ids.subList(0, K);
    }
}
