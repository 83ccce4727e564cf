package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Plugin factories by NAME (Kubernetes' registry). The in-tree plugins are registered by
 * {@code plugins.StandardChain}, so this package never imports a plugin (no framework/plugins cycle).
 */
public final class PluginRegistry {
    public static final PluginRegistry EMPTY = new PluginRegistry(Map.of());

    private final Map<String, Function<SchedulerConfig, Plugin>> factories;

    private PluginRegistry(Map<String, Function<SchedulerConfig, Plugin>> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /** A copy with one more (or a replaced) factory. */
    public PluginRegistry with(String name, Function<SchedulerConfig, Plugin> factory) {
        Map<String, Function<SchedulerConfig, Plugin>> m = new LinkedHashMap<>(factories);
        m.put(requireNonNull(name, "name"), requireNonNull(factory, "factory"));
        return new PluginRegistry(m);
    }

    public Set<String> names() {
        return factories.keySet();
    }

    public Plugin create(String name, SchedulerConfig config) {
        Function<SchedulerConfig, Plugin> f = factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("plugin: " + name + " (expected: one of " + factories.keySet() + ")");
        }
        Plugin p = f.apply(config);
        if (!p.name().equals(name)) {
            throw new IllegalStateException("plugin: " + name + " built " + p.name() + " (expected: same NAME)");
        }
        return p;
    }
}
