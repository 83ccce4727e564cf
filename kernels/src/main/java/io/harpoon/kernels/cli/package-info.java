/** The {@code harpoon kernels} picocli commands; composed into the launcher by the {@code cli} module. */
package io.harpoon.kernels.cli;
