package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spec §6.1 outcomes, §7 routing and §9.2/§9.3 ExApp flows through a real gateway. */
class ExAppRoutingTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode headersSeen(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("headers");
    }

    @Test
    void publicRouteAnonymousIsForwardedWithInjectedHeaders() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/public/x?a=1&b=2", "AA-VERSION", "99",
                "AUTHORIZATION-APP-API", "forged", "AA-REQUEST-ID", "forged-id", "harp-shared-key", "leak",
                "X-Custom", "kept");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("/public/x?a=1&b=2", body.get("uri").asText());
        JsonNode h = body.get("headers");
        assertEquals(b64(":" + GatewayExtension.TOKEN), h.get("authorization-app-api").asText());
        assertEquals("echoapp", h.get("ex-app-id").asText());
        assertEquals("1.2.3", h.get("ex-app-version").asText());
        assertEquals("32", h.get("aa-version").asText());
        assertEquals("kept", h.get("x-custom").asText());
        assertNull(h.get("aa-request-id"), "Q17: removed on unsigned requests");
        assertNull(h.get("harp-shared-key"), "Q3: never forwarded");
        assertNull(h.get("x-forwarded-for"), "§6.3: no X-Forwarded-For by default");
    }

    @Test
    void appIdKeepsOriginalCaseInExAppIdButCacheIsLowerCase() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/EchoApp/public/case");
        assertEquals(200, r.statusCode());
        assertEquals("EchoApp", headersSeen(r).get("ex-app-id").asText());
    }

    @Test
    void subPathDeploymentFindsFirstExappsSegment() throws Exception {
        HttpResponse<String> r = GW.get("/nextcloud/exapps/echoapp/public/sub");
        assertEquals(200, r.statusCode());
        assertEquals("/public/sub", JSON.readTree(r.body()).get("uri").asText());
    }

    @Test
    void userRouteAsAnonymousIs403WithExactBody() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/user/x");
        assertEquals(403, r.statusCode());
        assertEquals("403 Forbidden", r.body());
        assertEquals("text/plain", r.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void userRouteWithUserCookieIsForwardedWithUserId() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/user/x", "Cookie",
                "other=1; oc_sessionPassphrase=" + NextcloudStandIn.USER_COOKIE);
        assertEquals(200, r.statusCode());
        assertEquals(b64("user:" + GatewayExtension.TOKEN), headersSeen(r).get("authorization-app-api").asText());
        assertEquals(GatewayExtension.KEY, GW.nextcloud().lastUserInfoHeaders().get("harp-shared-key"));
        assertTrue(GW.nextcloud().lastUserInfoHeaders().get("cookie").contains("oc_sessionPassphrase="));
    }

    @Test
    void adminRouteNeedsAdmin() throws Exception {
        assertEquals(403, GW.get("/exapps/echoapp/admin/x", "Cookie",
                "oc_sessionPassphrase=" + NextcloudStandIn.USER_COOKIE).statusCode());
        HttpResponse<String> r = GW.get("/exapps/echoapp/admin/x", "Cookie",
                "oc_sessionPassphrase=" + NextcloudStandIn.ADMIN_COOKIE);
        assertEquals(200, r.statusCode());
        assertEquals(b64("admin:" + GatewayExtension.TOKEN), headersSeen(r).get("authorization-app-api").asText());
    }

    @Test
    void appPasswordInAuthorizationHeaderIsResolved() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/user/pw", "Authorization",
                "Basic " + b64("user:" + NextcloudStandIn.USER_APP_PASSWORD));
        assertEquals(200, r.statusCode());
        assertEquals(b64("user:" + GatewayExtension.TOKEN), headersSeen(r).get("authorization-app-api").asText());
        assertTrue(headersSeen(r).get("authorization").asText().startsWith("Basic "), "§6.3: passes unchanged");
    }

    @Test
    void noMatchingRouteIs404() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/nowhere");
        assertEquals(404, r.statusCode());
        assertEquals("404 Not Found", r.body());
    }

    @Test
    void unknownAppIs404() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/nosuchapp/x");
        assertEquals(404, r.statusCode());
        assertEquals("404 Not Found", r.body());
    }

    @Test
    void pathWithoutAppIdIs404() throws Exception {
        assertEquals(404, GW.get("/something/else").statusCode());
    }

    @Test
    void unsignedLifecycleCallsAreSilentlyDropped() throws Exception {
        for (String p : new String[] {"/heartbeat", "/init", "/enabled"}) {
            GatewayExtension.RawResponse r = GW.raw("GET /exapps/echoapp" + p + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("", r.text(), p);
            assertTrue(r.closed(), p);
        }
    }

    @Test
    void dotDotSegmentsInAnyEncodingAreSilentlyDropped() throws Exception {
        for (String p : new String[] {"/exapps/echoapp/public/../admin", "/exapps/echoapp/public/%2e%2e/admin",
                "/exapps/echoapp/public/.%2E/x", "/exapps/echoapp/public%2f..%2fadmin",
                "/exapps/echoapp/public/%252e%252e/x", "/exapps/echoapp/public\\..\\x"}) {
            GatewayExtension.RawResponse r = GW.raw("GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("", r.text(), p);
            assertTrue(r.closed(), p);
        }
    }

    @Test
    void signedRequestIsForwardedAsIsWithoutRouteCheck() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/heartbeat", "EX-APP-VERSION", "1.2.3", "EX-APP-ID",
                "echoapp", "EX-APP-HOST", "ignored", "EX-APP-PORT", "1", "AUTHORIZATION-APP-API",
                b64("admin:" + GatewayExtension.TOKEN), "harp-shared-key", GatewayExtension.KEY, "AA-REQUEST-ID",
                "req-1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode h = headersSeen(r);
        assertEquals(b64("admin:" + GatewayExtension.TOKEN), h.get("authorization-app-api").asText());
        assertEquals("req-1", h.get("aa-request-id").asText());
        assertEquals("32", h.get("aa-version").asText());
        assertNull(h.get("harp-shared-key"));
        assertNull(h.get("ex-app-host"));
        assertNull(h.get("ex-app-port"));
    }

    @Test
    void signedRequestForUnknownAppUsesExAppHostAndPort() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/notyetenabled/init", "EX-APP-VERSION", "0.9", "EX-APP-ID",
                "notyetenabled", "EX-APP-HOST", "127.0.0.1", "EX-APP-PORT", String.valueOf(GW.exApp().port()),
                "AUTHORIZATION-APP-API", b64(":secret"), "harp-shared-key", GatewayExtension.KEY);
        assertEquals(200, r.statusCode());
        assertEquals("/init", JSON.readTree(r.body()).get("uri").asText());
        assertEquals("0.9", headersSeen(r).get("ex-app-version").asText());
    }

    @Test
    void signedRequestWithWrongKeyIsSilentlyDropped() throws Exception {
        GatewayExtension.RawResponse r = GW.raw("GET /exapps/echoapp/heartbeat HTTP/1.1\r\nHost: x\r\n"
                + "EX-APP-VERSION: 1\r\nEX-APP-ID: echoapp\r\nEX-APP-HOST: h\r\nEX-APP-PORT: 1\r\n"
                + "AUTHORIZATION-APP-API: eA==\r\nharp-shared-key: wrong\r\n\r\n");
        assertEquals("", r.text());
        assertTrue(r.closed());
    }

    @Test
    void frpModeWithoutTunnelIs503() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/frpapp/x");
        assertEquals(503, r.statusCode());
        assertEquals("503 Service Unavailable (HaRP)", r.body());
    }

    @Test
    void refusedUpstreamIs503() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/deadapp/x");
        assertEquals(503, r.statusCode());
        assertEquals("503 Service Unavailable (HaRP)", r.body());
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        String one = "GET /exapps/echoapp/public/1 HTTP/1.1\r\nHost: x\r\n\r\n";
        String two = "GET /exapps/echoapp/nowhere HTTP/1.1\r\nHost: x\r\n\r\n";
        String three = "GET /exapps/echoapp/public/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        GatewayExtension.RawResponse r = GW.raw(one + two + three);
        assertTrue(r.closed());
        assertEquals(3, r.responses(), r.text());
        int a = r.text().indexOf("/public/1");
        int b = r.text().indexOf("404 Not Found");
        int c = r.text().indexOf("/public/3");
        assertTrue(a > 0 && b > a && c > b, r.text());
        assertFalse(r.text().contains("HTTP/1.1 400"));
    }
}
