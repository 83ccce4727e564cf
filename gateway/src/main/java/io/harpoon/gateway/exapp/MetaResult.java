package io.harpoon.gateway.exapp;

/** Outcome of a metadata lookup: found, unknown (Nextcloud 401/404, negative-cached) or unavailable (§16 Q12). */
public sealed interface MetaResult {
    record Found(ExAppRecord record) implements MetaResult {
    }

    record Unknown() implements MetaResult {
    }

    record Unavailable(String reason) implements MetaResult {
    }
}
