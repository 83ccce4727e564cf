/**
 * How the gateway reaches ExApps, without Netty types: {@link io.harpoon.gateway.upstream.UpstreamConnector}
 * (direct TCP or tunnel) and {@link io.harpoon.gateway.upstream.TunnelStreams}, the seam the tunnel module fills.
 */
package io.harpoon.gateway.upstream;
