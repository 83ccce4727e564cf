package io.harpoon.gateway.routing;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Map;

/**
 * One HTTP request as the decision logic sees it: no Netty types, no body.
 *
 * @param method upper-case method
 * @param path raw path as received, without the query string, still percent-encoded
 * @param query raw query string without {@code ?}, or empty
 * @param headers lower-cased names; for duplicates the last value wins (as HaRP's agent sees them)
 * @param peer TCP peer address
 */
public record ExAppRequest(String method, String path, String query, Map<String, String> headers, InetAddress peer) {
    public ExAppRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(query, "query");
        headers = Map.copyOf(headers);
        requireNonNull(peer, "peer");
    }

    public String header(String lowerName) {
        return headers.get(lowerName);
    }

    public boolean hasHeader(String lowerName) {
        return headers.containsKey(lowerName);
    }

    /** Value of cookie {@code oc_sessionPassphrase}, or empty. */
    public String sessionCookie() {
        String cookie = headers.get("cookie");
        if (cookie == null) {
            return "";
        }
        String found = "";
        for (String part : cookie.split(";")) {
            String p = part.strip();
            if (p.startsWith("oc_sessionPassphrase=")) {
                found = p.substring("oc_sessionPassphrase=".length());
            }
        }
        return found;
    }
}
