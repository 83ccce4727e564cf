package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spec §8: authentication, dispatch, Docker whitelist and the control API rows. */
class ControlPlaneTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = GatewayExtension.KEY;

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        return send(GW.uri(path), method, body, headers);
    }

    private static HttpResponse<String> send(URI uri, String method, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return GW.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingOrWrongKeyIs401() throws Exception {
        HttpResponse<String> r = send("GET", "/exapps/app_api/heartbeat", null);
        assertEquals(401, r.statusCode());
        assertEquals("401 Unauthorized", r.body());
        assertEquals("text/plain", r.headers().firstValue("content-type").orElseThrow());
        assertEquals(401, send("GET", "/exapps/app_api/info", null, "harp-shared-key", K + "x").statusCode());
    }

    @Test
    void heartbeat() throws Exception {
        HttpResponse<String> r = send("GET", "/exapps/app_api/heartbeat", null, "harp-shared-key", K);
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ok\"}", r.body());
    }

    @Test
    void info() throws Exception {
        HttpResponse<String> r = send("GET", "/exapps/app_api/info", null, "harp-shared-key", K);
        assertEquals(200, r.statusCode());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("0.4.4", n.get("version").asText());
        assertTrue(n.get("docker").asBoolean());
        assertEquals(false, n.get("kubernetes").get("enabled").asBoolean());
        assertTrue(n.has("harpoon"));
    }

    @Test
    void exappStoragePostDeleteAndValidation() throws Exception {
        String rec = NextcloudStandIn.record("pushed-secret", "2.0.0", "127.0.0.1", GW.exApp().port(),
                "[{\"url\":\"^/pushed\",\"access_level\":0,\"bruteforce_protection\":[]}]");
        assertEquals(204, send("POST", "/exapps/app_api/exapp_storage/PushedApp", rec, "harp-shared-key", K)
                .statusCode());
        assertTrue(GW.gateway().metadata().cached("pushedapp").isPresent(), "stored under the lower-cased id");
        HttpResponse<String> fwd = GW.get("/exapps/pushedapp/pushed/x");
        assertEquals(200, fwd.statusCode(), "pushed record is used without asking Nextcloud");
        assertEquals("2.0.0", JSON.readTree(fwd.body()).get("headers").get("ex-app-version").asText());
        HttpResponse<String> bad = send("POST", "/exapps/app_api/exapp_storage/x", "{\"exapp_token\":1}",
                "harp-shared-key", K);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().startsWith("Payload validation error: "), bad.body());
        assertEquals(204, send("DELETE", "/exapps/app_api/exapp_storage/pushedapp", null, "harp-shared-key", K)
                .statusCode());
        assertEquals(404, send("DELETE", "/exapps/app_api/exapp_storage/pushedapp", null, "harp-shared-key", K)
                .statusCode());
        assertEquals(404, GW.get("/exapps/pushedapp/pushed/x").statusCode(), "unknown to Nextcloud after delete");
    }

    @Test
    void controlPathsWithDockerEnginePortFallIntoWhitelistAnd403() throws Exception {
        for (String p : new String[] {"/info", "/heartbeat", "/exapp_storage/x", "/k8s/exapp/exists"}) {
            assertEquals(403, send("GET", "/exapps/app_api" + p, null, "harp-shared-key", K,
                    "docker-engine-port", "24000").statusCode(), p);
        }
    }

    @Test
    void dockerPathsWithoutEnginePortReachControlApiAnd404() throws Exception {
        HttpResponse<String> r = send("GET", "/exapps/app_api/v1.44/_ping", null, "harp-shared-key", K);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("docker-engine-port"), "spec §15: the 404 says the header is missing: "
                + r.body());
        HttpResponse<String> other = send("GET", "/exapps/app_api/nothing-here", null, "harp-shared-key", K);
        assertEquals(404, other.statusCode());
        assertFalse(other.body().contains("docker-engine-port"), other.body());
    }

    @Test
    void whitelistedDockerCallsGoToEngineTunnelWhichIsAbsent() throws Exception {
        String[][] allowed = {{"GET", "/v1.44/_ping"}, {"HEAD", "/_ping"}, {"GET", "/v1.44/images/nextcloud%2Fx/json"},
            {"GET", "/v1.44/containers/nc_app_foo/json"}, {"GET", "/V1.44/CONTAINERS/nc_app_foo/logs"},
            {"POST", "/v1.44/images/create?fromImage=x"}};
        for (String[] a : allowed) {
            HttpResponse<String> r = send(a[0], "/exapps/app_api" + a[1], a[0].equals("POST") ? "" : null,
                    "harp-shared-key", K, "docker-engine-port", "24000");
            assertEquals(503, r.statusCode(), a[0] + " " + a[1]);
        }
    }

    @Test
    void nonWhitelistedDockerCallsAre403() throws Exception {
        String[][] denied = {{"POST", "/v1.44/containers/create"}, {"GET", "/v1.44/containers/other/json"},
            {"DELETE", "/v1.44/containers/nc_app_foo"}, {"POST", "/v1.44/_ping"}, {"GET", "/v1.44/info"}};
        for (String[] d : denied) {
            assertEquals(403, send(d[0], "/exapps/app_api" + d[1], d[0].equals("GET") ? null : "",
                    "harp-shared-key", K, "docker-engine-port", "24000").statusCode(), d[0] + " " + d[1]);
        }
    }

    @Test
    void enginePortOutsideTunnelRangeIs400() throws Exception {
        HttpResponse<String> r = send("GET", "/exapps/app_api/v1.44/_ping", null, "harp-shared-key", K,
                "docker-engine-port", "8200");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("docker-engine-port"), r.body());
    }

    @Test
    void dockerEndpointsValidateEnginePortThenNeedAnEngine() throws Exception {
        HttpResponse<String> missing = send("POST", "/exapps/app_api/docker/exapp/exists", "{\"name\":\"x\"}",
                "harp-shared-key", K);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("docker-engine-port"), missing.body());
        HttpResponse<String> outside = send("POST", "/exapps/app_api/docker/exapp/exists", "{\"name\":\"x\"}",
                "harp-shared-key", K, "docker-engine-port", "8200");
        assertEquals(400, outside.statusCode(), "spec §16 Q9: engine ports only, on /docker/* too");
        assertTrue(outside.body().contains("24000..24099"), outside.body());
        HttpResponse<String> none = send("POST", "/exapps/app_api/docker/exapp/exists", "{\"name\":\"x\"}",
                "harp-shared-key", K, "docker-engine-port", "24000");
        assertEquals(503, none.statusCode(), "no engine connected on 24000 in this gateway");
        assertTrue(none.body().contains("no Docker engine is connected on port 24000"), none.body());
        assertEquals(405, send("GET", "/exapps/app_api/docker/exapp/exists", null,
                "harp-shared-key", K, "docker-engine-port", "24000").statusCode());
        assertEquals(404, send("POST", "/exapps/app_api/docker/containers/x", "{}",
                "harp-shared-key", K, "docker-engine-port", "24000").statusCode());
    }

    @Test
    void k8sDisabledIs404WithReason() throws Exception {
        HttpResponse<String> r = send("POST", "/exapps/app_api/k8s/exapp/exists", "{}", "harp-shared-key", K);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("HP_K8S_ENABLED"), r.body());
    }

    @Test
    void frpHandlerLoginHook() throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + GW.gateway().controlAddress().getPort() + "/frp_handler");
        HttpResponse<String> ok = send(hook, "POST", "{\"version\":\"0.1.0\",\"op\":\"Login\",\"content\":"
                + "{\"client_address\":\"192.0.2.7:5000\",\"metas\":{\"token\":\"" + K + "\"}}}");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"reject\":false,\"unchange\":true}", ok.body());
        HttpResponse<String> bad = send(hook, "POST", "{\"content\":{\"client_address\":\"[2001:db8::1]:5000\","
                + "\"metas\":{\"token\":\"nope\"}}}");
        assertEquals(400, bad.statusCode());
        assertEquals(400, send(hook, "POST", "not json").statusCode());
    }

    @Test
    void internalListenerServesControlApiWithoutPrefix() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + GW.gateway().controlAddress().getPort());
        HttpResponse<String> hb = send(base.resolve("/heartbeat"), "GET", null);
        assertEquals(200, hb.statusCode(), "healthcheck probes /heartbeat without a key");
        assertEquals("{\"status\":\"ok\"}", hb.body());
        assertEquals(401, send(base.resolve("/info"), "GET", null).statusCode());
        assertEquals(200, send(base.resolve("/info"), "GET", null, "harp-shared-key", K).statusCode());
    }
}
