/**
 * The engines the gateway can deploy to: {@link io.harpoon.engines.registry.EngineRegistry} (local socket on
 * 24000, tunnelled remote engines on 24001-24099), their liveness, negotiated
 * {@link io.harpoon.engines.registry.ApiVersion} and {@link io.harpoon.engines.registry.Inventory} (from
 * {@code docker info} plus an operator's {@link io.harpoon.engines.registry.InventoryOverrides declared inventory}).
 */
package io.harpoon.engines.registry;
