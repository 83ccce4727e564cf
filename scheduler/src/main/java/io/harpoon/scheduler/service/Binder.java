package io.harpoon.scheduler.service;

import io.harpoon.scheduler.api.Placement;

/**
 * The bind step: makes a reserved placement real (the gateway's pool creates the container on
 * {@code placement.engineId()} with {@code placement.dockerDevices()}). Runs outside the service's lock, while the
 * reservation already counts against the engine, so a slow Docker engine never blocks other placements and two
 * binds never get the same capacity. Throwing rolls the reservation back.
 */
@FunctionalInterface
public interface Binder {
    void bind(Placement placement) throws Exception;
}
