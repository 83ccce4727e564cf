package io.harpoon.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process Nextcloud for gateway tests: answers {@code /index.php/apps/app_api/harp/exapp-meta} and
 * {@code /index.php/apps/app_api/harp/user-info} with exactly the JSON of spec harp-contract.md §9.1/§9.3.
 *
 * <table>
 *   <caption>Users</caption>
 *   <tr><th>Credential</th><th>Answer</th></tr>
 *   <tr><td>none / unknown cookie</td><td>{@code {"user_id":"","access_level":0}}</td></tr>
 *   <tr><td>cookie {@code oc_sessionPassphrase=user-session}</td><td>{@code {"user_id":"user","access_level":1}}</td></tr>
 *   <tr><td>cookie {@code oc_sessionPassphrase=admin-session}</td><td>{@code {"user_id":"admin","access_level":2}}</td></tr>
 *   <tr><td>{@code Authorization: Basic user:user-app-password}</td><td>user</td></tr>
 *   <tr><td>{@code Authorization: Basic admin:admin-app-password}</td><td>admin</td></tr>
 * </table>
 *
 * A wrong {@code harp-shared-key} or unknown app gets {@code 401 {"message":"Harp shared key is not valid"}} on
 * exapp-meta. {@link #failWith(int)} turns every answer into that status (outage tests); {@link #holdMeta()}
 * parks exapp-meta calls until released (single-flight tests). Reusable by other modules' tests.
 */
public final class NextcloudStandIn implements AutoCloseable {
    public static final String USER_COOKIE = "user-session";
    public static final String ADMIN_COOKIE = "admin-session";
    public static final String USER_APP_PASSWORD = "user-app-password";
    public static final String ADMIN_APP_PASSWORD = "admin-app-password";

    private final HttpServer server;
    private final String sharedKey;
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final AtomicInteger metaCalls = new AtomicInteger();
    private final AtomicInteger userCalls = new AtomicInteger();
    private final Map<String, String> lastUserInfoHeaders = new ConcurrentHashMap<>();
    private volatile int failStatus;
    private volatile CountDownLatch metaGate;

    public NextcloudStandIn(String sharedKey) throws IOException {
        this.sharedKey = sharedKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/index.php/apps/app_api/harp/exapp-meta", this::meta);
        server.createContext("/index.php/apps/app_api/harp/user-info", this::userInfo);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Base URL as NC_INSTANCE_URL would hold it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers an ExApp; {@code json} is the exapp-meta body. */
    public void exApp(String appIdLower, String json) {
        records.put(appIdLower, json);
    }

    public static String record(String token, String version, String host, int port, String routesJson) {
        return "{\"exapp_token\":\"" + token + "\",\"exapp_version\":\"" + version + "\",\"host\":\"" + host
                + "\",\"port\":" + port + ",\"routes\":" + routesJson + "}";
    }

    public void failWith(int status) {
        this.failStatus = status;
    }

    public void holdMeta() {
        metaGate = new CountDownLatch(1);
    }

    public void releaseMeta() {
        CountDownLatch g = metaGate;
        metaGate = null;
        if (g != null) {
            g.countDown();
        }
    }

    public int metaCalls() {
        return metaCalls.get();
    }

    public int userCalls() {
        return userCalls.get();
    }

    /** Headers (lower-cased names) of the last user-info call. */
    public Map<String, String> lastUserInfoHeaders() {
        return Map.copyOf(lastUserInfoHeaders);
    }

    private void meta(HttpExchange ex) throws IOException {
        metaCalls.incrementAndGet();
        CountDownLatch g = metaGate;
        if (g != null) {
            try {
                g.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failStatus != 0) {
            send(ex, failStatus, "{\"message\":\"Internal Server Error\"}");
            return;
        }
        String appId = query(ex).getOrDefault("appId", "");
        String record = records.get(appId);
        if (!sharedKey.equals(ex.getRequestHeaders().getFirst("harp-shared-key")) || record == null) {
            send(ex, 401, "{\"message\":\"Harp shared key is not valid\"}");
            return;
        }
        send(ex, 200, record);
    }

    private void userInfo(HttpExchange ex) throws IOException {
        userCalls.incrementAndGet();
        lastUserInfoHeaders.clear();
        ex.getRequestHeaders().forEach((k, v) -> lastUserInfoHeaders.put(k.toLowerCase(Locale.ROOT), v.get(v.size() - 1)));
        if (failStatus != 0) {
            send(ex, failStatus, "{\"message\":\"Internal Server Error\"}");
            return;
        }
        String user = "";
        int level = 0;
        String cookie = ex.getRequestHeaders().getFirst("cookie");
        String auth = ex.getRequestHeaders().getFirst("authorization");
        if (cookie != null && cookie.contains("oc_sessionPassphrase=" + USER_COOKIE)) {
            user = "user";
            level = 1;
        } else if (cookie != null && cookie.contains("oc_sessionPassphrase=" + ADMIN_COOKIE)) {
            user = "admin";
            level = 2;
        } else if (auth != null && auth.startsWith("Basic ")) {
            String dec = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            if (dec.equals("user:" + USER_APP_PASSWORD)) {
                user = "user";
                level = 1;
            } else if (dec.equals("admin:" + ADMIN_APP_PASSWORD)) {
                user = "admin";
                level = 2;
            }
        }
        send(ex, 200, "{\"user_id\":\"" + user + "\",\"access_level\":" + level + "}");
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String p : q.split("&")) {
                String[] kv = p.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().put("Content-Type", List.of("application/json; charset=utf-8"));
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        releaseMeta();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
