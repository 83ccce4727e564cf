/**
 * HaRP-compatible /exapps front end and AppAPI control plane (spec harp-contract.md). {@link
 * io.harpoon.gateway.Gateway} composes the parts: {@code config} (environment), {@code exapp} (Nextcloud
 * metadata and users), {@code security} (bans, client address), {@code routing} (decisions, control API),
 * {@code upstream} (direct TCP or tunnel), {@code http} (Netty), {@code admin} (metrics), {@code cli}.
 */
package io.harpoon.gateway;
