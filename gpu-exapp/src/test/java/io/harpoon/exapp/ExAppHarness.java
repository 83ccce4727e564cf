package io.harpoon.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.exapp.contract.AppApiAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real ExApp server on 127.0.0.1, port 0, with a CPU backend, and a signed/unsigned HTTP client for it. */
final class ExAppHarness implements AutoCloseable {
    static final String APP_ID = "harpoon_vectors";
    static final String SECRET = "Zt9-very-secret-app-api-value-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    final ExAppServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final URI base;

    private ExAppHarness(ExAppServer server) {
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    static Map<String, String> env(Path storage, String computeDevice, String nextcloudUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ID", APP_ID);
        env.put("APP_SECRET", SECRET);
        env.put("APP_VERSION", "0.1.0");
        env.put("APP_HOST", "127.0.0.1");
        env.put("APP_PORT", "0");
        env.put("APP_PERSISTENT_STORAGE", storage.toString());
        env.put("COMPUTE_DEVICE", computeDevice);
        if (nextcloudUrl != null) {
            env.put("NEXTCLOUD_URL", nextcloudUrl);
        }
        return env;
    }

    static ExAppHarness start(Path storage, String computeDevice, String nextcloudUrl) throws Exception {
        ExAppConfig config = ExAppConfig.fromEnv(env(storage, computeDevice, nextcloudUrl));
        List<ComputeBackend> backends = List.of(new CpuBackend(false, 2));
        ComputeSelection sel = ComputeSelection.select(computeDevice, "", backends);
        return new ExAppHarness(ExAppServer.start(config, sel, TunnelConnector.EXTERNAL_FRPC));
    }

    static Map<String, String> signed(String user) {
        return Map.of("EX-APP-ID", APP_ID, "EX-APP-VERSION", "0.1.0", "AA-VERSION", "32",
                "AUTHORIZATION-APP-API", AppApiAuth.authorizationValue(user, SECRET));
    }

    HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signed call as user "alice"; returns the parsed JSON after asserting the status. */
    JsonNode ok(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, body, signed("alice"));
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body() + " (expected " + status + ")");
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        server.close();
        http.close();
    }
}
