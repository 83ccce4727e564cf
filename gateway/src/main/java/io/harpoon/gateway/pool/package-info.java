/**
 * The scheduler's pool engine ({@code HARPOON_POOL_PORT}, default 24999): AppAPI registers one daemon whose
 * {@code docker-engine-port} is the pool; {@code create} places the ExApp on a real engine with the scheduler
 * (pinning GPUs), the placement is stored under the data dir, and every later call for that container goes to its
 * engine. {@link io.harpoon.gateway.pool.PoolControl} and {@link io.harpoon.gateway.pool.PoolRouting} decorate the
 * engine seams; {@link io.harpoon.gateway.pool.Pool} holds the state. See {@code docs/placement.md}.
 */
package io.harpoon.gateway.pool;
