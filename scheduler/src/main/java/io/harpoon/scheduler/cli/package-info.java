/** Picocli commands owned by the scheduler ({@code harpoon placements}); the launcher in {@code cli} wires them. */
package io.harpoon.scheduler.cli;
