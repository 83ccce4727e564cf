/**
 * Docker engines behind the gateway (issue "engines"): transport ({@code transport}), the registry of engines with
 * their inventories ({@code registry}) and the {@code /docker/exapp/*} actions ({@code exapp}). The gateway wires
 * these to HTTP; the scheduler reads inventories from the registry.
 */
package io.harpoon.engines;
