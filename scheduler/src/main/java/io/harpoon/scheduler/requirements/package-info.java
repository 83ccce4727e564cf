/**
 * Requirements of a workload from a HaRP create request: {@code compute_device}, {@code resource_limits}, the
 * {@code HARPOON_*} environment extension, and per-app-id defaults from the spec's sizing table.
 *
 * <p>Parses and validates only; knows nothing about engines.
 */
package io.harpoon.scheduler.requirements;
