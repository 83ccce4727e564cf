package io.harpoon.gateway.http;

import io.harpoon.gateway.admin.GatewayMetrics;
import io.harpoon.gateway.routing.ControlPlane;
import io.harpoon.gateway.routing.Router;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.upstream.UpstreamConnector;
import java.time.Duration;

/** What every connection handler shares; one instance per gateway. */
record Services(Router router, ControlPlane control, UpstreamConnector connector, UpstreamPools pools,
        BanList bans, GatewayMetrics metrics, Duration clientTimeout, Duration serverTimeout, Duration tunnelTimeout) {
}
