/**
 * The placement benchmark behind {@code harpoon kernels bench}: a simple timing harness (warm-up, then median of
 * repeated batch calls, transfers included) over a grid of buffer sizes and batch counts, results validated
 * against {@code jdk}, rendered as a table, CSV, JSON, an SVG chart and the placement table. JMH benchmarks of the
 * same kernels live in the {@code benchmarks} module for careful per-kernel figures.
 */
package io.harpoon.kernels.bench;
