package io.harpoon.engines.registry;

import static java.util.Objects.requireNonNull;

/**
 * One GPU an engine offers. {@code model} and {@code memoryBytes} are known only from a declared inventory
 * ({@code 0}/empty when unknown); {@code source} says where the entry came from: {@code cdi} (the engine's
 * discovered CDI devices), {@code runtime} (an {@code nvidia} runtime with unknown devices) or {@code declared}.
 */
public record Gpu(String vendor, int index, String model, long memoryBytes, String source) {
    public Gpu {
        requireNonNull(vendor, "vendor");
        requireNonNull(model, "model");
        requireNonNull(source, "source");
    }
}
