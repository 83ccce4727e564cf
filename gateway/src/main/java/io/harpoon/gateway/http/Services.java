package io.harpoon.gateway.http;

import io.harpoon.gateway.admin.GatewayMetrics;
import io.harpoon.gateway.routing.ControlPlane;
import io.harpoon.gateway.routing.Router;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.upstream.UpstreamConnector;
import io.harpoon.tunnel.api.TunnelStreams;
import java.time.Duration;
import java.util.Optional;

/**
 * What every connection handler shares; one instance per gateway. {@code inProcess}: the built-in FRP server's
 * streams, used for FRP-mode targets instead of dialling its loopback listeners (empty: dial as HAProxy would).
 */
record Services(Router router, ControlPlane control, UpstreamConnector connector, UpstreamPools pools,
        BanList bans, GatewayMetrics metrics, Duration clientTimeout, Duration serverTimeout, Duration tunnelTimeout,
        Optional<TunnelStreams> inProcess) {
}
