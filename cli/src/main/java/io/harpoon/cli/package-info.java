/**
 * The {@code harpoon} launcher's entry point: composes the picocli commands each module owns
 * ({@code kernels}, later {@code gateway}, {@code engines}, {@code placements}, {@code exapp}). Holds no logic.
 */
package io.harpoon.cli;
