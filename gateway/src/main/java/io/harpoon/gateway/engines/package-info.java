/**
 * The gateway side of Docker engines: the control API's {@code /docker/exapp/*} ({@link
 * io.harpoon.gateway.engines.EngineControl}), the pass-through's version negotiation ({@link
 * io.harpoon.gateway.engines.EngineRouting}), in-process streams to the local socket ({@link
 * io.harpoon.gateway.engines.EngineStreams}), {@code harpoon engines} and the admin {@code /engines} listing.
 */
package io.harpoon.gateway.engines;
