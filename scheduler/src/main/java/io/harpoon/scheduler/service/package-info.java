/**
 * {@link io.harpoon.scheduler.service.PlacementService}: engines, committed reservations, reserve and bind, for the
 * gateway's pool. The only stateful part of the scheduler; it calls the pure core and the store.
 */
package io.harpoon.scheduler.service;
