package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.gateway.exapp.ExAppRecord;
import io.harpoon.gateway.testing.GatewayExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upstream keep-alive reuse, HP_TIMEOUT_TUNNEL on idle WebSockets, HARPOON_FORWARD_CLIENT_IP, HEAD, HTTP/1.0. */
class RelayBehaviourTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_TIMEOUT_TUNNEL", "500ms")
            .env("HARPOON_FORWARD_CLIENT_IP", "true");

    @Test
    void upstreamConnectionsAreReusedAcrossRequests() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serveKeepAlive(s));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            GW.gateway().metadata().put("pooled", new ExAppRecord("t", "1", "127.0.0.1", server.getLocalPort(),
                    List.of(io.harpoon.gateway.exapp.Route.of(".*", io.harpoon.gateway.exapp.AccessLevel.PUBLIC,
                            List.of()))));
            String req = "GET /exapps/pooled/x HTTP/1.1\r\nHost: x\r\n\r\n";
            GatewayExtension.RawResponse r = GW.raw(req + req + req.replace("\r\n\r\n",
                    "\r\nConnection: close\r\n\r\n"));
            assertEquals(3, r.responses(), r.text());
            assertEquals(1, accepted.get(), "one upstream connection for three requests");
        }
    }

    private static void serveKeepAlive(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int state = 0;
            for (int b; (b = in.read()) >= 0; ) {
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
                if (state == 4) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    state = 0;
                }
            }
        } catch (Exception e) {
            // connection closed by the gateway
        }
    }

    @Test
    void idleWebSocketIsClosedAfterTunnelTimeout() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = GW.http().newWebSocketBuilder().buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + GW.port() + "/exapps/wsapp/idle"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete("close " + code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closed.complete("error " + error);
                    }
                }).get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        String how = closed.get(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 400, "closed after the idle limit, not before: " + ms + " ms, " + how);
        ws.abort();
    }

    @Test
    void clientIpForwardedWhenEnabled() throws Exception {
        var r = GW.get("/exapps/echoapp/public/ip", "X-Forwarded-For", "198.51.100.1");
        assertEquals(200, r.statusCode());
        assertEquals("127.0.0.1", new ObjectMapper().readTree(r.body()).get("headers").get("x-forwarded-for")
                .asText(), "Q18: the true client (peer: no trusted proxies), replacing the client's value");
    }

    @Test
    void headAndHttp10() throws Exception {
        GatewayExtension.RawResponse head = GW.raw("HEAD /exapps/echoapp/public/h HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", head.statusLine());
        assertTrue(head.text().endsWith("\r\n\r\n"), "no body after HEAD: " + head.text());
        GatewayExtension.RawResponse old = GW.raw("GET /exapps/echoapp/public/old HTTP/1.0\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", old.statusLine());
        assertTrue(old.closed(), "HTTP/1.0 without keep-alive is closed after the response");
        assertTrue(old.text().contains("/public/old"), old.text());
    }

    @Test
    void expectContinueIsRelayedFromTheExApp() throws Exception {
        try (Socket s = new Socket("127.0.0.1", GW.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /exapps/echoapp/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 100"), head.toString());
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(rest.startsWith("HTTP/1.1 200"), "[" + rest + "]");
            assertTrue(rest.endsWith("5 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"), "[" + rest + "]");
        }
    }

    @Test
    void expectContinueOnLocalAnswersDoesNotWaitForTheBody() throws Exception {
        GatewayExtension.RawResponse denied = GW.raw("POST /exapps/echoapp/admin/x HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        assertEquals("HTTP/1.1 403 Forbidden", denied.statusLine());
        assertTrue(denied.closed());
        try (Socket s = new Socket("127.0.0.1", GW.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            String rec = "{\"exapp_token\":\"t\",\"exapp_version\":\"1\",\"host\":\"h\",\"port\":1,\"routes\":[]}";
            out.write(("POST /exapps/app_api/exapp_storage/expectapp HTTP/1.1\r\nHost: x\r\nharp-shared-key: "
                    + GatewayExtension.KEY + "\r\nContent-Length: " + rec.length() + "\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 100"), head.toString());
            out.write(rec.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 204"));
        }
    }

    @Test
    void hostNamesAreResolvedForDirectMode() throws Exception {
        GW.gateway().metadata().put("named", new ExAppRecord("t", "1", "localhost", GW.exApp().port(),
                List.of(io.harpoon.gateway.exapp.Route.of(".*", io.harpoon.gateway.exapp.AccessLevel.PUBLIC,
                        List.of()))));
        assertEquals(200, GW.get("/exapps/named/x").statusCode());
    }

    @Test
    void halfClosedClientStillGetsItsResponses() throws Exception {
        try (Socket s = new Socket("127.0.0.1", GW.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /exapps/echoapp/slow?ms=300 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /exapps/echoapp/public/second HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // FIN after the requests, as `nc -N` does
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
            assertTrue(all.contains("slow done") && all.contains("/public/second"), all);
        }
    }

    @Test
    void requestOnAReusedConnectionThatDiesIsRetriedOnce() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serveOneThenDrop(s));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            GW.gateway().metadata().put("flaky", new ExAppRecord("t", "1", "127.0.0.1", server.getLocalPort(),
                    List.of(io.harpoon.gateway.exapp.Route.of(".*", io.harpoon.gateway.exapp.AccessLevel.PUBLIC,
                            List.of()))));
            String req = "GET /exapps/flaky/x HTTP/1.1\r\nHost: x\r\n\r\n";
            GatewayExtension.RawResponse r = GW.raw(req + req.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
            assertEquals(2, r.text().split("HTTP/1.1 200 OK", -1).length - 1, r.text());
            assertEquals(2, accepted.get(), "second request retried on a new connection");
        }
    }

    /** Answers the first request of a connection, then closes it when the second one arrives. */
    private static void serveOneThenDrop(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int state = 0;
            int served = 0;
            for (int b; (b = in.read()) >= 0; ) {
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
                if (state == 4) {
                    if (served++ > 0) {
                        return;
                    }
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    state = 0;
                }
            }
        } catch (Exception e) {
            // closed
        }
    }
}
