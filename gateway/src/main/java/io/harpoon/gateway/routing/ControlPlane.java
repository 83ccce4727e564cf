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
 * internal listener. Docker-engine actions ({@code /docker/exapp/*}) belong to a later component and answer
 * {@code 501} after the same header validation HaRP does; Kubernetes is disabled ({@code 404}, §14.3).
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

    public ControlPlane(SharedKey key, MetadataStore metadata, BanList bans, boolean k8sEnabled,
            String harpoonVersion) {
        this.key = requireNonNull(key, "key");
        this.metadata = requireNonNull(metadata, "metadata");
        this.bans = requireNonNull(bans, "bans");
        this.k8sEnabled = k8sEnabled;
        this.harpoonVersion = requireNonNull(harpoonVersion, "harpoonVersion");
        this.logins = new FrpLogins(key, bans);
    }

    /**
     * @param internal true on the 127.0.0.1:8200 listener, where every path except {@code /heartbeat} and
     *     {@code /frp_handler} still needs the shared key (Harpoon decision: HaRP relied on loopback only)
     */
    public Decision.Respond handle(Decision.Control c, byte[] body, boolean internal) {
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
            if (port == null || !port.strip().matches("\\d{1,5}") || Integer.parseInt(port.strip()) < 1
                    || Integer.parseInt(port.strip()) > 65535) {
                return Decision.Respond.text(400, "docker-engine-port: " + (port == null ? "missing" : port)
                        + " (expected: 1-65535 for /docker/ endpoints)");
            }
            return Decision.Respond.text(501, "Docker engine actions are not available in this Harpoon build");
        }
        if (path.startsWith("/k8s/")) {
            return k8sEnabled ? Decision.Respond.text(501, "Kubernetes actions are not available in this build")
                    : Decision.Respond.text(404, "Kubernetes backend is disabled (HP_K8S_ENABLED=false)");
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
