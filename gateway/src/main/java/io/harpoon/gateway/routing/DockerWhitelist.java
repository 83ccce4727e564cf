package io.harpoon.gateway.routing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Docker Engine API pass-through whitelist (spec §8.3): URL-decoded path, case-insensitive, after an optional
 * {@code /v<digits and dots>} prefix. HEAD is admitted where GET is (§16 Q30).
 */
public final class DockerWhitelist {
    private static final String V = "^(?:/v[0-9.]+)?";
    private static final Pattern PING = Pattern.compile(V + "/_ping$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE_JSON = Pattern.compile(V + "/images/.*/json", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTAINER = Pattern.compile(
            V + "/containers/nc_app_[A-Za-z0-9_.-]+/(?:json|logs)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE_CREATE = Pattern.compile(V + "/images/create", Pattern.CASE_INSENSITIVE);

    private DockerWhitelist() {
    }

    public static boolean allowed(String method, String rawPath) {
        String path = Paths.percentDecode(rawPath);
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD")) {
            return PING.matcher(path).find() || IMAGE_JSON.matcher(path).find() || CONTAINER.matcher(path).find();
        }
        return m.equals("POST") && IMAGE_CREATE.matcher(path).find();
    }
}
