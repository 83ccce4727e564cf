/** Picocli commands of the ExApp: {@code harpoon exapp} (run from the environment) and {@code harpoon exapp bench}. */
package io.harpoon.exapp.cli;
