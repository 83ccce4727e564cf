package io.harpoon.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.harpoon.gateway.config.SharedKey;
import io.harpoon.gateway.exapp.ExAppRecord;
import io.harpoon.gateway.exapp.Json;
import io.harpoon.gateway.exapp.MetadataStore;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.security.ClientAddresses;
import io.harpoon.gateway.security.FrpLogins;
import java.net.InetAddress;
import java.util.Locale;

/**
 * The control API of spec §8.4, reached as {@code /exapps/app_api/<path>} (after the shared-key check) or on the
 * internal listener. Docker-engine actions ({@code /docker/exapp/*}) go to {@link DockerControl} after the
 * {@code docker-engine-port} check (§16 Q9: engine ports only); Kubernetes is disabled ({@code 404}, §14.3).
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><td>{@link #MAX_BODY}</td><td>1 MiB control request body (larger: 413)</td></tr>
 * </table>
 */
public final class ControlPlane {
    public static final int MAX_BODY = 1 << 20;
    /** HaRP contract level implemented (§16 Q28). */
    public static final String HARP_VERSION = "0.4.4";

    private final SharedKey key;
    private final MetadataStore metadata;
    private final BanList bans;
    private final boolean k8sEnabled;
    private final String harpoonVersion;
    private final FrpLogins logins;
    private final DockerControl docker;

    public ControlPlane(SharedKey key, MetadataStore metadata, BanList bans, boolean k8sEnabled,
            String harpoonVersion) {
        this(key, metadata, bans, k8sEnabled, harpoonVersion, DockerControl.UNAVAILABLE);
    }

    public ControlPlane(SharedKey key, MetadataStore metadata, BanList bans, boolean k8sEnabled,
            String harpoonVersion, DockerControl docker) {
        this.docker = requireNonNull(docker, "docker");
        this.key = requireNonNull(key, "key");
        this.metadata = requireNonNull(metadata, "metadata");
        this.bans = requireNonNull(bans, "bans");
        this.k8sEnabled = k8sEnabled;
        this.harpoonVersion = requireNonNull(harpoonVersion, "harpoonVersion");
        this.logins = new FrpLogins(key, bans);
    }

    /**
     * As {@link #handle}, but {@code /docker/exapp/*} runs against the engine (blocking work off the event loop);
     * the future never fails.
     */
    public java.util.concurrent.CompletableFuture<Decision.Respond> handleAsync(Decision.Control c, byte[] body,
            boolean internal) {
        Decision.Respond r = local(c, body, internal);
        if (r != DOCKER) {
            return java.util.concurrent.CompletableFuture.completedFuture(r);
        }
        int port = Integer.parseInt(c.headers().get("docker-engine-port").strip());
        String action = c.path().substring("/docker/exapp/".length());
        return docker.exapp(port, action, body).exceptionally(t -> Decision.Respond.text(500,
                "docker/exapp/" + action + ": " + t));
    }

    /** Marker: "run this Docker action" (only {@link #handleAsync} sees it). */
    private static final Decision.Respond DOCKER = Decision.Respond.text(500, "docker action");

    /**
     * @param internal true on the 127.0.0.1:8200 listener, where every path except {@code /heartbeat} and
     *     {@code /frp_handler} still needs the shared key (Harpoon decision: HaRP relied on loopback only)
     */
    public Decision.Respond handle(Decision.Control c, byte[] body, boolean internal) {
        return handleAsync(c, body, internal).join();
    }

    private Decision.Respond local(Decision.Control c, byte[] body, boolean internal) {
        String path = c.path();
        String method = c.method().toUpperCase(Locale.ROOT);
        if (internal && !path.equals("/heartbeat") && !path.equals("/frp_handler")
                && !key.matches(c.headers().get("harp-shared-key"))) {
            bans.recordFailure(c.client());
            return Responses.UNAUTHORIZED;
        }
        if (path.equals("/heartbeat")) {
            return method.equals("GET") || method.equals("HEAD") ? Decision.Respond.json(200, "{\"status\":\"ok\"}")
                    : methodNotAllowed();
        }
        if (path.equals("/info")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return methodNotAllowed();
            }
            return Decision.Respond.json(200, "{\"version\":\"" + HARP_VERSION + "\",\"docker\":true,"
                    + "\"kubernetes\":{\"enabled\":" + k8sEnabled + "},\"harpoon\":\"" + harpoonVersion + "\"}");
        }
        if (path.startsWith("/exapp_storage/")) {
            return storage(method, path.substring("/exapp_storage/".length()), body);
        }
        if (path.equals("/frp_handler")) {
            return method.equals("POST") ? frpHandler(body) : methodNotAllowed();
        }
        if (path.startsWith("/docker/")) {
            String port = c.headers().get("docker-engine-port");
            if (port == null || !port.strip().matches("\\d{1,5}") || !docker.accepts(Integer.parseInt(port.strip()))) {
                return Decision.Respond.text(400, "docker-engine-port: " + (port == null ? "missing" : port)
                        + " (expected: " + docker.describePorts() + " for /docker/ endpoints)");
            }
            if (!path.startsWith("/docker/exapp/") || path.indexOf('/', "/docker/exapp/".length()) >= 0) {
                return Responses.NOT_FOUND;
            }
            return method.equals("POST") ? DOCKER : methodNotAllowed();
        }
        if (path.startsWith("/k8s/")) {
            return k8sEnabled ? Decision.Respond.text(501, "Kubernetes actions are not available in this build")
                    : Decision.Respond.text(404, "Kubernetes backend is disabled (HP_K8S_ENABLED=false)");
        }
        if (DockerWhitelist.allowed(method, path)) { // spec §15, HaRP #77: same status, a body that says why
            return Decision.Respond.text(404, "404 Not Found: " + path + " is a Docker Engine API path; it needs the "
                    + "docker-engine-port header naming the engine");
        }
        return Responses.NOT_FOUND;
    }

    private Decision.Respond storage(String method, String appId, byte[] body) {
        if (appId.isEmpty() || appId.contains("/")) {
            return Responses.NOT_FOUND;
        }
        String lower = Paths.percentDecode(appId).toLowerCase(Locale.ROOT);
        switch (method) {
            case "POST" -> {
                try {
                    metadata.put(lower, ExAppRecord.fromJson(Json.MAPPER.readTree(body)));
                    return new Decision.Respond(204, "text/plain", new byte[0]);
                } catch (Exception e) {
                    return Decision.Respond.text(400, "Payload validation error: " + e.getMessage());
                }
            }
            case "DELETE" -> {
                return metadata.remove(lower) ? new Decision.Respond(204, "text/plain", new byte[0])
                        : Responses.NOT_FOUND;
            }
            default -> {
                return methodNotAllowed();
            }
        }
    }

    /** frps Login hook (§11.3). */
    private Decision.Respond frpHandler(byte[] body) {
        JsonNode content;
        try {
            content = Json.MAPPER.readTree(body).path("content");
        } catch (Exception e) {
            return Decision.Respond.text(400, "Payload validation error: bad JSON");
        }
        InetAddress addr = ClientAddresses.parseEntry(content.path("client_address").asText(""));
        JsonNode token = content.path("metas").path("token");
        switch (logins.check(addr, token.isTextual() ? token.asText() : null)) {
            case BANNED -> {
                return Decision.Respond.json(200, "{\"reject\":true,\"reject_reason\":\"banned\"}");
            }
            case ACCEPT -> {
                return Decision.Respond.json(200, "{\"reject\":false,\"unchange\":true}");
            }
            case BAD_TOKEN -> { }
        }
        return Decision.Respond.text(400, "Invalid token");
    }

    private static Decision.Respond methodNotAllowed() {
        return Decision.Respond.text(405, "405: Method Not Allowed");
    }
}
