package io.harpoon.engines.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version ({@code 1.41}) and the negotiation of spec docker-engine-for-tests.md §4: AppAPI
 * asks for {@code /v1.44/...}; an engine whose maximum is lower answers {@code 400 client version 1.44 is too new}.
 * Harpoon sends such a request with the engine's own maximum instead.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The newest version docker-java's typed commands are used with; AppAPI's too. */
    public static final ApiVersion PREFERRED = new ApiVersion(1, 44);
    private static final Pattern PREFIX = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)?$");

    public static ApiVersion parse(String text) {
        String[] p = text.strip().split("\\.");
        if (p.length != 2) {
            throw new IllegalArgumentException("API version: " + text + " (expected: major.minor)");
        }
        return new ApiVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    /** The version a request path asks for ({@code /v1.44/_ping} → 1.44), if it has a prefix. */
    public static Optional<ApiVersion> ofPath(String path) {
        Matcher m = PREFIX.matcher(path);
        return m.matches() ? Optional.of(new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    /**
     * {@code path} with its version prefix lowered to {@code engineMax} when it asks for more; empty when the path
     * has no prefix or the engine supports the requested version.
     */
    public static Optional<String> downgrade(String path, ApiVersion engineMax) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        ApiVersion asked = new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (asked.compareTo(engineMax) <= 0) {
            return Optional.empty();
        }
        return Optional.of("/v" + engineMax + (m.group(3) == null ? "" : m.group(3)));
    }

    /** What Harpoon's own typed calls use: the lower of the engine's maximum and {@link #PREFERRED}. */
    public static ApiVersion negotiate(ApiVersion engineMax) {
        return engineMax.compareTo(PREFERRED) < 0 ? engineMax : PREFERRED;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
