package io.harpoon.gateway.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One ExApp as Nextcloud describes it in {@code harp/exapp-meta} and {@code exapp_storage} (spec §9.1).
 *
 * <pre>
 * {"exapp_token":"…","exapp_version":"1.0.0","host":"127.0.0.1","port":23000,
 *  "routes":[{"url":"^api/.*","access_level":1,"bruteforce_protection":[401]}]}
 * </pre>
 *
 * {@link #toString()} hides the token.
 */
public record ExAppRecord(String token, String version, String host, int port, List<Route> routes) {
    public ExAppRecord {
        requireNonNull(token, "token");
        requireNonNull(version, "version");
        requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        routes = List.copyOf(routes);
    }

    /** Parses and validates the JSON of exapp-meta / exapp_storage; {@link IllegalArgumentException} names the field. */
    public static ExAppRecord fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("body: not a JSON object");
        }
        String token = text(n, "exapp_token");
        String version = text(n, "exapp_version");
        String host = text(n, "host");
        JsonNode p = n.get("port");
        if (p == null || !(p.isInt() || p.isTextual() && p.asText().matches("\\d{1,5}"))) {
            throw new IllegalArgumentException("port: " + p + " (expected: integer)");
        }
        List<Route> routes = new ArrayList<>();
        JsonNode rs = n.get("routes");
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray()) {
                throw new IllegalArgumentException("routes: " + rs.getNodeType() + " (expected: array)");
            }
            for (JsonNode r : rs) {
                routes.add(Route.fromJson(r));
            }
        }
        return new ExAppRecord(token, version, host, p.asInt(), routes);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException(field + ": " + v + " (expected: string)");
        }
        return v.asText();
    }

    /** Same record with another upstream (temporary records of signed requests, Kubernetes overrides). */
    public ExAppRecord withUpstream(String newHost, int newPort) {
        return new ExAppRecord(token, version, newHost, newPort, routes);
    }

    @Override
    public String toString() {
        return "ExAppRecord[version=" + version + ", host=" + host + ", port=" + port + ", routes=" + routes.size()
                + ", token=***]";
    }
}
