/**
 * HaRP-compatible /exapps front end and AppAPI control plane.
 *
 * <p>Planned (issue "Gateway"): Netty listeners on 8780/8781/8782, route ACL, brute-force bans, control plane
 * {@code /exapps/app_api/...}, with the tunnel wired in. See {@code ../shared/spec/harp-contract.md}.
 */
package io.harpoon.gateway;
