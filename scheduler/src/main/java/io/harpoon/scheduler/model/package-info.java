/**
 * Performance models per (model key x engine), StarPU style: measured run times and transfer bandwidth, with a
 * model that has too few samples reporting CALIBRATING instead of a guess.
 *
 * <p>Owns statistics only; does not know about engines, workloads or plugins.
 */
package io.harpoon.scheduler.model;
