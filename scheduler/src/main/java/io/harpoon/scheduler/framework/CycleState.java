package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.ClusterSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed scratch space of one scheduling cycle: PreFilters write what they computed once, Filters and Scores read
 * it. Not shared between cycles and not thread-safe (a cycle runs on one thread).
 */
public final class CycleState {
    /** Typed key; identity-compared, so two plugins never collide by name. */
    public static final class Key<T> {
        private final String name;
        private final Class<T> type;

        private Key(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(requireNonNull(name, "name"), requireNonNull(type, "type"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The snapshot the cycle runs on; the Scheduler writes it before any plugin runs. */
    public static final Key<ClusterSnapshot> SNAPSHOT = Key.of("snapshot", ClusterSnapshot.class);

    private final Map<Key<?>, Object> values = new HashMap<>();

    public <T> void put(Key<T> key, T value) {
        values.put(key, key.type.cast(requireNonNull(value, "value")));
    }

    /** The value; a missing one is a chain-ordering bug (its PreFilter did not run). */
    public <T> T get(Key<T> key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("cycle state: " + key + " missing (expected: written by a PreFilter)");
        }
        return key.type.cast(v);
    }

    public <T> T getOrDefault(Key<T> key, T fallback) {
        Object v = values.get(key);
        return v == null ? fallback : key.type.cast(v);
    }
}
