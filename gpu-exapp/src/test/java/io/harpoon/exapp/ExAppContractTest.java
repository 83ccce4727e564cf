package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.harpoon.exapp.contract.AppApiAuth;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The AppAPI contract over real loopback HTTP (spec/exapp-contract.md §2, §4.2, §5, §13.1). */
class ExAppContractTest {
    private static final List<String> PROTECTED = List.of("POST /init", "PUT /enabled?enabled=1", "GET /v1/info",
            "GET /v1/collections", "PUT /v1/collections/x", "POST /v1/collections/x/search", "GET /nope");

    @TempDir
    Path storage;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger harpoonLogger;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        harpoonLogger = (Logger) LoggerFactory.getLogger("io.harpoon");
        previousLevel = harpoonLogger.getLevel();
        harpoonLogger.setLevel(Level.DEBUG);
        logs.start();
        harpoonLogger.addAppender(logs);
    }

    @AfterEach
    void secretsNeverLogged() {
        harpoonLogger.detachAppender(logs);
        harpoonLogger.setLevel(previousLevel);
        String encoded = AppApiAuth.authorizationValue("alice", ExAppHarness.SECRET);
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(ExAppHarness.SECRET) || line.contains(encoded), "secret in log: " + line);
        }
        assertFalse(logs.list.isEmpty(), "the request log ran (so the check above means something)");
    }

    @Test
    void heartbeatNeedsNoAuth() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            HttpResponse<String> r = h.call("GET", "/heartbeat", null, Map.of());
            assertEquals(200, r.statusCode());
            assertEquals("ok", ExAppHarness.JSON.readTree(r.body()).get("status").asText());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        }
    }

    @Test
    void everythingElseIs401WithoutAValidSignature() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            Map<String, String> wrongSecret = new HashMap<>(ExAppHarness.signed("alice"));
            wrongSecret.put("AUTHORIZATION-APP-API", AppApiAuth.authorizationValue("alice", ExAppHarness.SECRET + "x"));
            Map<String, String> wrongApp = new HashMap<>(ExAppHarness.signed(""));
            wrongApp.put("EX-APP-ID", "other_app");
            Map<String, String> noVersion = new HashMap<>(ExAppHarness.signed(""));
            noVersion.remove("EX-APP-VERSION");
            for (String call : PROTECTED) {
                String[] mp = call.split(" ");
                for (Map<String, String> headers : List.of(Map.<String, String>of(), wrongSecret, wrongApp, noVersion)) {
                    HttpResponse<String> r = h.call(mp[0], mp[1], "{}", headers);
                    assertEquals(401, r.statusCode(), call + " with " + headers.keySet());
                    assertFalse(r.body().contains(ExAppHarness.SECRET), r.body());
                    assertTrue(ExAppHarness.JSON.readTree(r.body()).get("error").asText().length() > 0);
                }
            }
            assertEquals(200, h.call("GET", "/v1/info", null, ExAppHarness.signed("")).statusCode());
        }
    }

    @Test
    void enabledAnswersEmptyErrorOnCpu() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            JsonNode enabled = h.ok("PUT", "/enabled?enabled=1", null, 200);
            assertEquals("", enabled.get("error").asText());
            assertEquals("cpu", enabled.get("backend").asText(), "the serving backend is reported at enable");
            assertTrue(h.ok("GET", "/v1/info", null, 200).get("enabled").asBoolean());
            assertEquals("", h.ok("PUT", "/enabled?enabled=0", null, 200).get("error").asText());
            assertFalse(h.ok("GET", "/v1/info", null, 200).get("enabled").asBoolean());
            h.ok("PUT", "/enabled?enabled=yes", null, 400);
            h.ok("GET", "/enabled?enabled=1", null, 405);
        }
    }

    @Test
    void unusableComputeDeviceFailsEnableReadably() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CUDA", null)) {
            String error = h.ok("PUT", "/enabled?enabled=1", null, 200).get("error").asText();
            assertTrue(error.startsWith("COMPUTE_DEVICE=CUDA but CUDA is unusable"), error);
            assertEquals("", h.ok("PUT", "/enabled?enabled=0", null, 200).get("error").asText(), "disable always works");
            JsonNode info = h.ok("GET", "/v1/info", null, 200);
            assertEquals("cpu", info.get("compute").get("backend").asText());
            assertEquals(error, info.get("compute").get("problem").asText());
        }
    }

    @Test
    void initReportsProgressToNextcloudWithOcsHeaders() throws Exception {
        List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
        HttpServer nc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nc.createContext("/", ex -> {
            Map<String, String> c = new HashMap<>();
            c.put("method", ex.getRequestMethod());
            c.put("path", ex.getRequestURI().getPath());
            for (String name : List.of("EX-APP-ID", "EX-APP-VERSION", "AA-VERSION", "AUTHORIZATION-APP-API",
                    "OCS-APIRequest", "Accept", "Content-Type")) {
                c.put(name, String.valueOf(ex.getRequestHeaders().getFirst(name)));
            }
            c.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calls.add(c);
            byte[] ok = "{\"ocs\":{\"meta\":{\"status\":\"ok\"}}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        nc.start();
        try {
            String url = "http://127.0.0.1:" + nc.getAddress().getPort() + "/index.php/";
            // A collection on disk makes init do real work (upload to the backend) between 0 and 100.
            try (ExAppHarness h = ExAppHarness.start(storage, "CPU", url)) {
                h.ok("PUT", "/v1/collections/docs", "{\"dimension\":2}", 201);
            }
            try (ExAppHarness h = ExAppHarness.start(storage, "CPU", url)) {
                assertEquals("{}", h.call("POST", "/init", null, ExAppHarness.signed("")).body());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (calls.stream().noneMatch(c -> c.get("body").contains("\"progress\":100")) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(100, h.ok("GET", "/v1/info", null, 200).get("init").get("progress").asInt());
            }
        } finally {
            nc.stop(0);
        }
        assertTrue(calls.size() >= 2, "progress 0 .. 100: " + calls);
        int last = -1;
        for (Map<String, String> c : calls) {
            assertEquals("PUT", c.get("method"));
            assertEquals("/ocs/v1.php/apps/app_api/ex-app/status", c.get("path"), "NEXTCLOUD_URL's /index.php stripped");
            assertEquals(ExAppHarness.APP_ID, c.get("EX-APP-ID"));
            assertEquals("0.1.0", c.get("EX-APP-VERSION"));
            assertEquals(AppApiAuth.authorizationValue("", ExAppHarness.SECRET), c.get("AUTHORIZATION-APP-API"));
            assertEquals("true", c.get("OCS-APIRequest"));
            assertEquals("application/json", c.get("Accept"));
            JsonNode body = ExAppHarness.JSON.readTree(c.get("body"));
            assertEquals("", body.get("error").asText());
            assertTrue(body.get("progress").asInt() >= last, "progress never goes back");
            last = body.get("progress").asInt();
        }
        assertEquals(100, last, "100 last: it triggers AppAPI's enable");
    }
}
