package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.GatewayExtension;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spec §10: every failure source bans the true client after {@code HP_BLACKLIST_COUNT} (3 here) failures; the
 * loopback peer is a trusted proxy, so each test speaks for its own client through X-Forwarded-For.
 */
class BruteForceTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_BLACKLIST_COUNT", "3")
            .env("HP_BLACKLIST_WINDOW", "300").env("HP_TRUSTED_PROXY_IPS", "\"127.0.0.1/8\"");
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static final String K = GatewayExtension.KEY;

    private static String newClient() {
        return "203.0.113." + NEXT.getAndIncrement();
    }

    private static String raw(String client, String line, String... headers) throws Exception {
        StringBuilder sb = new StringBuilder(line).append(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n")
                .append("X-Forwarded-For: ").append(client).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return GW.raw(sb.append("\r\n").toString()).statusLine();
    }

    private static boolean banned(String client) throws Exception {
        return raw(client, "GET /exapps/echoapp/public/probe").isEmpty();
    }

    private static void assertBansAfterThree(String client, ThrowingRunnable failure) throws Exception {
        failure.run();
        failure.run();
        assertFalse(banned(client), "two failures are below the threshold");
        failure.run();
        assertTrue(banned(client), "third failure bans");
        assertEquals("", raw(client, "GET /exapps/app_api/heartbeat", "harp-shared-key", K),
                "banned clients are dropped on the control plane too, even with the key");
        assertFalse(banned(newClient()), "other clients are unaffected");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void wrongKeyOnControlPlane() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("HTTP/1.1 401 Unauthorized",
                raw(c, "GET /exapps/app_api/info", "harp-shared-key", "wrong")));
    }

    @Test
    void wrongKeyOnSignedRequestCountsAgainstTrueClientNotProxy() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("", raw(c, "GET /exapps/echoapp/heartbeat",
                "EX-APP-VERSION", "1", "EX-APP-ID", "echoapp", "EX-APP-HOST", "h", "EX-APP-PORT", "1",
                "AUTHORIZATION-APP-API", "eA==", "harp-shared-key", "wrong")));
        assertFalse(GW.gateway().bans().isBanned(InetAddress.getByName("127.0.0.1")), "Q4: proxy not banned");
    }

    @Test
    void dotDotPath() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("", raw(c, "GET /exapps/echoapp/%2e%2e/x")));
    }

    @Test
    void dotDotPathWithValidKeyIsExempt() throws Exception {
        String c = newClient();
        for (int i = 0; i < 4; i++) {
            assertEquals("", raw(c, "GET /exapps/echoapp/../x", "harp-shared-key", K));
        }
        assertFalse(banned(c));
    }

    @Test
    void unparsableAppId() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("HTTP/1.1 404 Not Found", raw(c, "GET /no/app/here")));
    }

    @Test
    void unknownExApp() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("HTTP/1.1 404 Not Found", raw(c, "GET /exapps/ghost/x")));
    }

    @Test
    void unknownExAppWithValidKeyIsExempt() throws Exception {
        String c = newClient();
        for (int i = 0; i < 4; i++) {
            assertEquals("HTTP/1.1 404 Not Found", raw(c, "GET /exapps/ghost/x", "harp-shared-key", K));
        }
        assertFalse(banned(c));
    }

    @Test
    void unsignedLifecycleCall() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("", raw(c, "POST /exapps/echoapp/init")));
    }

    @Test
    void forbiddenRoute() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("HTTP/1.1 403 Forbidden", raw(c, "GET /exapps/echoapp/admin/x")));
    }

    @Test
    void noMatchingRoute() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertEquals("HTTP/1.1 404 Not Found", raw(c, "GET /exapps/echoapp/none")));
    }

    @Test
    void responseStatusInRouteBruteforceList() throws Exception {
        String c = newClient();
        assertBansAfterThree(c, () -> assertTrue(
                raw(c, "GET /exapps/echoapp/status?code=418").startsWith("HTTP/1.1 418"), "response delivered"));
    }

    @Test
    void responseStatusNotInListIsNoFailure() throws Exception {
        String c = newClient();
        for (int i = 0; i < 4; i++) {
            assertTrue(raw(c, "GET /exapps/echoapp/status?code=403").startsWith("HTTP/1.1 403"));
        }
        assertFalse(banned(c));
    }

    @Test
    void frpLoginWithWrongToken() throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + GW.gateway().controlAddress().getPort() + "/frp_handler");
        String body = "{\"content\":{\"client_address\":\"[2001:db8::77]:7000\",\"metas\":{\"token\":\"bad\"}}}";
        for (int i = 0; i < 3; i++) {
            assertEquals(400, post(hook, body).statusCode());
        }
        HttpResponse<String> r = post(hook, body.replace("bad", K));
        assertEquals(200, r.statusCode());
        assertEquals("{\"reject\":true,\"reject_reason\":\"banned\"}", r.body());
        assertTrue(GW.gateway().bans().isBanned(InetAddress.getByName("2001:db8:0:0:0:0:0:77")));
    }

    @Test
    void nextcloudOutageOnMetadataIs503WithoutFailure() throws Exception {
        String c = newClient();
        GW.nextcloud().failWith(500);
        try {
            for (int i = 0; i < 4; i++) {
                assertEquals("HTTP/1.1 503 Service Unavailable", raw(c, "GET /exapps/outageapp/x"));
            }
        } finally {
            GW.nextcloud().failWith(0);
        }
        assertFalse(banned(c));
    }

    @Test
    void nextcloudOutageOnUserInfoIs503WithoutFailure() throws Exception {
        String c = newClient();
        assertEquals("HTTP/1.1 200 OK", raw(c, "GET /exapps/echoapp/public/warm"));
        GW.nextcloud().failWith(502);
        try {
            for (int i = 0; i < 4; i++) {
                assertEquals("HTTP/1.1 503 Service Unavailable", raw(c, "GET /exapps/echoapp/user/x",
                        "Cookie", "oc_sessionPassphrase=fresh-" + i));
            }
        } finally {
            GW.nextcloud().failWith(0);
        }
        assertFalse(banned(c));
    }

    @Test
    void forwardedForIsWalkedFromTheRightSkippingTrustedProxies() throws Exception {
        String c = newClient();
        for (int i = 0; i < 3; i++) {
            raw("198.51.100.66, " + c + ", 127.0.0.5", "GET /exapps/ghost/x");
        }
        assertTrue(banned(c), "the right-most untrusted entry is the client");
        assertFalse(banned("198.51.100.66"), "Q5: a spoofed left-most entry is not the client");
    }

    @Test
    void ipv6ForwardedForAndRealIpFallback() throws Exception {
        for (int i = 0; i < 3; i++) {
            raw("[2001:db8::5]:4711", "GET /exapps/ghost/x");
        }
        assertTrue(GW.gateway().bans().isBanned(InetAddress.getByName("2001:db8::5")));
        String c = newClient();
        for (int i = 0; i < 3; i++) {
            GW.raw("GET /exapps/ghost/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Forwarded-For: garbage\r\n"
                    + "X-Real-IP: " + c + "\r\n\r\n");
        }
        assertTrue(banned(c), "unparsable X-Forwarded-For falls back to X-Real-IP");
    }

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        return GW.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
