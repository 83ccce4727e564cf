package io.harpoon.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback ExApp for relay tests (JDK HTTP server, streams everything):
 *
 * <pre>
 * ANY  /echo...            200 JSON {"method","uri","headers":{lower-case name: value}}
 * POST /upload             200 "&lt;bytes&gt; &lt;sha-256 hex&gt;" computed while streaming
 * GET  /download?size=N    200 N pseudo-random bytes (seed 42), chunked, see {@link #expectedDownload}
 * GET  /sse?events=K&amp;interval=MS   text/event-stream, one "data: i" every MS
 * GET  /status?code=N      status N, body "status N"
 * GET  /slow?ms=N          answers after N ms
 * </pre>
 */
public final class TestExApp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Map<String, String> lastHeaders = Map.of();

    public TestExApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    public Map<String, String> lastHeaders() {
        return lastHeaders;
    }

    /** SHA-256 of what {@code /download?size=n} sends. */
    public static String expectedDownload(long n) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(42);
        byte[] buf = new byte[65536];
        for (long left = n; left > 0; ) {
            r.nextBytes(buf);
            int k = (int) Math.min(left, buf.length);
            md.update(buf, 0, k);
            left -= k;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        Map<String, String> h = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        lastHeaders = h;
        String path = ex.getRequestURI().getPath();
        Map<String, String> q = new HashMap<>();
        String rawQ = ex.getRequestURI().getRawQuery();
        if (rawQ != null) {
            for (String p : rawQ.split("&")) {
                String[] kv = p.split("=", 2);
                q.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        try {
            switch (path) {
                case "/upload" -> upload(ex);
                case "/download" -> download(ex, Long.parseLong(q.get("size")));
                case "/sse" -> sse(ex, Integer.parseInt(q.get("events")), Long.parseLong(q.get("interval")));
                case "/status" -> text(ex, Integer.parseInt(q.get("code")), "status " + q.get("code"));
                case "/slow" -> {
                    Thread.sleep(Long.parseLong(q.get("ms")));
                    text(ex, 200, "slow done");
                }
                default -> {
                    ex.getRequestBody().readAllBytes();
                    Map<String, Object> body = new HashMap<>();
                    body.put("method", ex.getRequestMethod());
                    body.put("uri", ex.getRequestURI().toString());
                    body.put("headers", h);
                    byte[] b = JSON.writeValueAsBytes(body);
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, b.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(b);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            ex.close();
        }
    }

    private static void upload(HttpExchange ex) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long n = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = ex.getRequestBody()) {
            for (int k; (k = in.read(buf)) > 0; ) {
                md.update(buf, 0, k);
                n += k;
            }
        }
        text(ex, 200, n + " " + HexFormat.of().formatHex(md.digest()));
    }

    private static void download(HttpExchange ex, long n) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, 0);
        Random r = new Random(42);
        byte[] buf = new byte[65536];
        try (OutputStream o = ex.getResponseBody()) {
            for (long left = n; left > 0; ) {
                r.nextBytes(buf);
                int k = (int) Math.min(left, buf.length);
                o.write(buf, 0, k);
                left -= k;
            }
        }
    }

    private static void sse(HttpExchange ex, int events, long intervalMs) throws Exception {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream o = ex.getResponseBody()) {
            for (int i = 0; i < events; i++) {
                Thread.sleep(intervalMs);
                o.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                o.flush();
            }
        }
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, status == 204 || status == 304 ? -1 : b.length);
        try (OutputStream o = ex.getResponseBody()) {
            if (status != 204 && status != 304) {
                o.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
