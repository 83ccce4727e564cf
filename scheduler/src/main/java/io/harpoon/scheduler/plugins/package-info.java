/**
 * In-tree plugins, one sub-package per question, and {@link io.harpoon.scheduler.plugins.StandardChain} which
 * registers them and fixes their order. Plugins read only the workload, the cycle state and the engine state they
 * are handed; no I/O, no clock, no random source.
 */
package io.harpoon.scheduler.plugins;
