package io.harpoon.engines.registry;

import java.time.Instant;

/** An immutable snapshot of an {@link Engine} for listings ({@code harpoon engines}, the admin endpoint). */
public record EngineView(int port, String name, String source, Engine.Status status, String lastError, Instant since,
        String maxApiVersion, String apiVersion, Inventory inventory) {
}
