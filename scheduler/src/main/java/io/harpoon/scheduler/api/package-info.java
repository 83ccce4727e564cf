/**
 * Values of the scheduler: engines with their devices, workloads, reservations, plans and explanations.
 *
 * <p>Owns only immutable records and enums; no logic beyond validation and small derived values. Must not touch
 * the framework, the plugins or the store; the gateway's pool and the CLI see the scheduler through these types.
 */
package io.harpoon.scheduler.api;
