/**
 * Simulation fixtures (a 99-engine fleet, ExApps from the sizing table), the first-fit-decreasing reference packer
 * and the placement benchmark harness. Uses seeded {@link java.util.Random} here only; the core never does.
 */
package io.harpoon.scheduler.sim;
