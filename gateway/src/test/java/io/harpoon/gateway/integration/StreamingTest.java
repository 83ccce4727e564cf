package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.TestExApp;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streaming relay (spec §6.3, §6.4, §16 Q14): large bodies both ways intact by checksum, SSE and WebSockets
 * outliving a short {@code HP_TIMEOUT_CLIENT}. That the relay never aggregates is an ArchUnit rule
 * ({@code ArchitectureTest#relayPathNeverAggregatesBodies}); the checksums prove nothing was lost or reordered.
 */
class StreamingTest {
    /** 300 ms client timeout: any stream that idles longer on the client side would be cut if it applied. */
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_TIMEOUT_CLIENT", "300ms");
    static final long BIG = 1L << 30;

    @Test
    void largeUploadIsStreamedIntact() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(7);
        byte[] chunk = new byte[1 << 20];
        r.nextBytes(chunk);
        for (long i = 0; i < BIG / chunk.length; i++) {
            md.update(chunk);
        }
        HttpRequest req = HttpRequest.newBuilder(GW.uri("/exapps/echoapp/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new InputStream() {
                            long left = BIG;
                            int pos;

                            @Override
                            public int read() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public int read(byte[] b, int off, int len) {
                                if (left == 0) {
                                    return -1;
                                }
                                int n = (int) Math.min(Math.min(len, left), chunk.length - pos);
                                System.arraycopy(chunk, pos, b, off, n);
                                pos = (pos + n) % chunk.length;
                                left -= n;
                                return n;
                            }
                        }), BIG)).timeout(Duration.ofSeconds(120)).build();
        HttpResponse<String> resp = GW.http().send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode());
        assertEquals(BIG + " " + HexFormat.of().formatHex(md.digest()), resp.body());
    }

    /**
     * An upstream that stops reading the body for 1.5 s (5 × the 300 ms client timeout): the gateway stops reading
     * the client too, and that pause is the gateway's doing, not client idleness, so the upload must survive.
     */
    @Test
    void uploadHeldBackBySlowUpstreamOutlivesClientTimeout() throws Exception {
        long size = 16L << 20;
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[65536];
                    long body = 0;
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    Thread.sleep(1500); // not reading: TCP buffers fill, the relay must pause the client
                    for (int n; body < size && (n = in.read(buf)) > 0; ) {
                        body += n;
                    }
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + Long.toString(body).length()
                            + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the test fails on the client side
                }
            });
            GW.gateway().metadata().put("slowreader", new io.harpoon.gateway.exapp.ExAppRecord("t", "1", "127.0.0.1",
                    server.getLocalPort(), java.util.List.of(io.harpoon.gateway.exapp.Route.of(".*",
                            io.harpoon.gateway.exapp.AccessLevel.PUBLIC, java.util.List.of()))));
            byte[] payload = new byte[(int) size];
            HttpResponse<String> resp = GW.http().send(HttpRequest.newBuilder(GW.uri("/exapps/slowreader/up"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertEquals(Long.toString(size), resp.body());
        }
    }

    @Test
    void largeDownloadIsStreamedIntact() throws Exception {
        HttpResponse<InputStream> resp = GW.http().send(HttpRequest.newBuilder(
                GW.uri("/exapps/echoapp/download?size=" + BIG)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long n = 0;
        try (InputStream in = resp.body()) {
            byte[] buf = new byte[65536];
            for (int k; (k = in.read(buf)) > 0; ) {
                md.update(buf, 0, k);
                n += k;
            }
        }
        assertEquals(BIG, n);
        assertEquals(TestExApp.expectedDownload(BIG), HexFormat.of().formatHex(md.digest()));
    }

    @Test
    void sseOutlivesShortClientTimeout() throws Exception {
        HttpResponse<Stream<String>> resp = GW.http().send(HttpRequest.newBuilder(
                GW.uri("/exapps/echoapp/sse?events=4&interval=400")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElseThrow());
        List<String> data = resp.body().filter(l -> l.startsWith("data:")).toList();
        assertEquals(List.of("data: 0", "data: 1", "data: 2", "data: 3"), data);
    }

    @Test
    void webSocketEchoStaysOpenIdleLongerThanClientTimeout() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket ws = GW.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + GW.port() + "/exapps/wsapp/socket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                got.add(data.toString());
                                w.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                                closed.complete(null);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket w, Throwable error) {
                                closed.completeExceptionally(error);
                            }
                        }).get(10, TimeUnit.SECONDS);
        ws.sendText("one", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo:one", got.poll(5, TimeUnit.SECONDS));
        assertEquals(1, GW.gateway().metrics().activeWebSockets());
        Thread.sleep(1000); // idle > 3 × HP_TIMEOUT_CLIENT
        assertFalse(closed.isDone(), "the tunnel must not idle out at the client timeout");
        ws.sendText("two", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo:two", got.poll(5, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        closed.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 50 && GW.gateway().metrics().activeWebSockets() != 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, GW.gateway().metrics().activeWebSockets());
    }

    @Test
    void keepAliveConnectionIdleBeyondClientTimeoutIsClosed() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", GW.port())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250));
        }
    }
}
