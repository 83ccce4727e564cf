/**
 * How the gateway reaches ExApps, without Netty types: {@link io.harpoon.gateway.upstream.UpstreamConnector}
 * (direct TCP or tunnel) and {@link io.harpoon.gateway.upstream.TunnelStreams}, loopback listeners of an frps
 * ({@link io.harpoon.gateway.upstream.TunnelListeners} for the built-in one). The built-in server's in-process
 * streams carry Netty channels and are therefore wired in {@code http}, not here.
 */
package io.harpoon.gateway.upstream;
