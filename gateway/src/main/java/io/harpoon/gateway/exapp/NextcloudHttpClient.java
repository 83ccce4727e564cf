package io.harpoon.gateway.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.harpoon.gateway.config.SharedKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls {@code <NC_INSTANCE_URL>/index.php/apps/app_api/harp/{exapp-meta,user-info}} (spec §9.1, §9.3) with the
 * JDK HTTP client: connect timeout 5 s, total 25 s, no cookie jar (the JDK client has none unless given one).
 */
public final class NextcloudHttpClient implements NextcloudApi {
    /** HaRP's aiohttp limits: connect 5 s, total 25 s. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(25);
    /** Headers the JDK client will not send (restricted) or that describe the client hop only. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "content-length", "connection", "upgrade", "expect", "keep-alive", "te",
                    "transfer-encoding", "harp-shared-key", "http2-settings");

    private final String base;
    private final SharedKey key;
    private final HttpClient http;

    public NextcloudHttpClient(String nextcloudBase, SharedKey key) {
        this.base = requireNonNull(nextcloudBase, "nextcloudBase") + "/index.php/apps/app_api/harp/";
        this.key = requireNonNull(key, "key");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<MetaResult> exAppMeta(String appIdLower) {
        HttpRequest req = HttpRequest.newBuilder(uri("exapp-meta", appIdLower)).timeout(TOTAL_TIMEOUT)
                .header("harp-shared-key", key.value()).header("Accept", "application/json").GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
                // one retry on I/O errors: a pooled keep-alive connection may have been closed by Nextcloud
                .exceptionallyCompose(e -> rootCauseIsIo(e)
                        ? http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
                        : CompletableFuture.failedFuture(e))
                .handle((resp, err) -> {
            if (err != null) {
                return new MetaResult.Unavailable("exapp-meta: " + rootCause(err));
            }
            int s = resp.statusCode();
            if (s == 401 || s == 404) {
                return new MetaResult.Unknown();
            }
            if (s != 200) {
                return new MetaResult.Unavailable("exapp-meta: HTTP " + s);
            }
            try {
                return new MetaResult.Found(ExAppRecord.fromJson(Json.MAPPER.readTree(resp.body())));
            } catch (Exception e) {
                return new MetaResult.Unavailable("exapp-meta: bad JSON: " + e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<UserInfo> userInfo(String appIdLower, Map<String, String> clientHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("user-info", appIdLower)).timeout(TOTAL_TIMEOUT).GET();
        clientHeaders.forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                b.header(name, value);
            }
        });
        b.header("harp-shared-key", key.value());
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(resp -> {
            int s = resp.statusCode();
            if (s >= 400 && s < 500) {
                return UserInfo.ANONYMOUS;
            }
            if (s != 200) {
                throw new CompletionException(new IllegalStateException("user-info: HTTP " + s));
            }
            try {
                JsonNode n = Json.MAPPER.readTree(resp.body());
                JsonNode uid = n.get("user_id");
                JsonNode lvl = n.get("access_level");
                if (lvl == null || !lvl.canConvertToInt()) {
                    throw new IllegalArgumentException("access_level: " + lvl);
                }
                return new UserInfo(uid == null || uid.isNull() ? "" : uid.asText(), AccessLevel.of(lvl.asInt()));
            } catch (Exception e) {
                throw new CompletionException(new IllegalStateException("user-info: bad JSON: " + e.getMessage()));
            }
        });
    }

    private URI uri(String endpoint, String appIdLower) {
        return URI.create(base + endpoint + "?appId=" + URLEncoder.encode(appIdLower, StandardCharsets.UTF_8));
    }

    private static boolean rootCauseIsIo(Throwable t) {
        while (t.getCause() != null && !(t instanceof java.io.IOException)) {
            t = t.getCause();
        }
        return t instanceof java.io.IOException && !(t instanceof java.net.http.HttpTimeoutException);
    }

    private static String rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
