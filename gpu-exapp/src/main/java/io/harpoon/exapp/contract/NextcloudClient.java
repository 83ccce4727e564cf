package io.harpoon.exapp.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls from the ExApp to Nextcloud (spec/exapp-contract.md §4.3, §5), signed as "system" (empty user id):
 * {@code EX-APP-ID}, {@code EX-APP-VERSION}, {@code AA-VERSION}, {@code AUTHORIZATION-APP-API},
 * {@code OCS-APIRequest: true} and {@code Accept: application/json}. The base is {@code NEXTCLOUD_URL} with a
 * trailing {@code /} or {@code /index.php} removed, as nc_py_api does.
 */
public final class NextcloudClient {
    /** AppAPI's init-progress endpoint. */
    public static final String STATUS_PATH = "/ocs/v1.php/apps/app_api/ex-app/status";
    /** Timeout of each call; init progress is best effort and must not stall the init thread for long. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String appId;
    private final String appVersion;
    private final String aaVersion;
    private final String secret;
    private final HttpClient http;

    public NextcloudClient(String nextcloudUrl, String appId, String appVersion, String aaVersion, String secret) {
        this.base = URI.create(baseUrl(requireNonNull(nextcloudUrl, "nextcloudUrl")));
        this.appId = requireNonNull(appId, "appId");
        this.appVersion = requireNonNull(appVersion, "appVersion");
        this.aaVersion = requireNonNull(aaVersion, "aaVersion");
        this.secret = requireNonNull(secret, "secret");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code NEXTCLOUD_URL} without a trailing slash or {@code /index.php}. */
    static String baseUrl(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/index.php")) {
            u = u.substring(0, u.length() - "/index.php".length());
        }
        return u;
    }

    /**
     * {@code PUT /ocs/v1.php/apps/app_api/ex-app/status {"progress": N, "error": "..."}}.
     *
     * @throws IOException on a transport error or a non-2xx answer (status in the message, body not echoed)
     */
    public void reportInitProgress(int progress, String error) throws IOException, InterruptedException {
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress: " + progress + " (expected: 0..100)");
        }
        ObjectNode body = JSON.createObjectNode().put("progress", progress).put("error", requireNonNull(error, "error"));
        HttpRequest req = HttpRequest.newBuilder(base.resolve(base.getPath() + STATUS_PATH))
                .timeout(TIMEOUT)
                .header(AppApiAuth.APP_ID, appId)
                .header(AppApiAuth.APP_VERSION, appVersion)
                .header("AA-VERSION", aaVersion)
                .header(AppApiAuth.AUTHORIZATION, AppApiAuth.authorizationValue("", secret))
                .header("OCS-APIRequest", "true")
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("PUT " + STATUS_PATH + ": HTTP " + resp.statusCode() + " (expected: 2xx)");
        }
    }

    @Override
    public String toString() {
        return "NextcloudClient[" + base + ", app " + appId + "]"; // never the secret
    }
}
