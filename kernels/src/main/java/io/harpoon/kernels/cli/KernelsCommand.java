package io.harpoon.kernels.cli;

import picocli.CommandLine.Command;

/** {@code harpoon kernels ...}: inspect backends and measure where each kernel should run. */
@Command(name = "kernels", description = "Batch checksum/crypto kernels: list backends, run the placement benchmark.",
        mixinStandardHelpOptions = true, subcommands = {DevicesCommand.class, BenchCommand.class})
public final class KernelsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
