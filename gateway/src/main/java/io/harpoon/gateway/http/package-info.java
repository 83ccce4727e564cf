/**
 * Netty plumbing of the HTTP listeners (spec §6): request guard, codecs, the per-connection frontend, the relay
 * to upstreams (TCP, pooled; or in-process FRP streams whose HTTP handlers run on the client's event loop, not
 * pooled) and the upgrade to raw tunnels. Everything here is package-private except
 * {@link io.harpoon.gateway.http.GatewayServer}; decisions come from {@code io.harpoon.gateway.routing}.
 */
package io.harpoon.gateway.http;
