/**
 * The per-request decision (spec §7–§9) and the control API (§8.4) as plain functions over
 * {@link io.harpoon.gateway.routing.ExAppRequest} records. No Netty: the HTTP layer adapts to these types.
 */
package io.harpoon.gateway.routing;
