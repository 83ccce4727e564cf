package io.harpoon.gateway.upstream;

import static java.util.Objects.requireNonNull;

/**
 * Where an ExApp request goes, as the metadata record says (spec §9.1, §9.3 step 6): {@code host} is
 * {@code 127.0.0.1} in FRP mode (port 23000-23999 = tunnel) and the app id alias or an override in direct mode.
 */
public record ExAppTarget(String appId, String host, int port) {
    /** FRP tunnel ports for ExApps (spec §3). */
    public static final int TUNNEL_PORT_MIN = 23000;
    public static final int TUNNEL_PORT_MAX = 23999;
    /** FRP tunnel ports for Docker engines (spec §3): 24000 bundled socket, 24001-24099 remote engines. */
    public static final int ENGINE_PORT_MIN = 24000;
    public static final int ENGINE_PORT_MAX = 24099;

    public ExAppTarget {
        requireNonNull(appId, "appId");
        requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /** True when HaRP would reach this target through an frpc tunnel listener on its own loopback. */
    public boolean viaTunnel() {
        boolean loopback = host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("::1");
        return loopback && port >= TUNNEL_PORT_MIN && port <= ENGINE_PORT_MAX;
    }
}
