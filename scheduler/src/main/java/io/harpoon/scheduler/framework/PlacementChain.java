package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered chain of PreFilters, Filters, Scores and Reserves. Filters run in order and stop at the first failure
 * per engine, so put the cheapest and most basic question first. The standard order, with a comment per step, is
 * built in one place: {@code plugins.StandardChain}.
 */
public final class PlacementChain {
    private final SchedulerConfig config;
    private final List<PreFilter> preFilters;
    private final List<Filter> filters;
    private final List<Score> scores;
    private final List<Reserve> reserves;

    private PlacementChain(Builder b) {
        this.config = b.config;
        this.preFilters = List.copyOf(b.preFilters);
        this.filters = List.copyOf(b.filters);
        this.scores = List.copyOf(b.scores);
        this.reserves = List.copyOf(b.reserves);
    }

    public static Builder builder(PluginRegistry registry, SchedulerConfig config) {
        return new Builder(registry, config);
    }

    public SchedulerConfig config() {
        return config;
    }

    public List<PreFilter> preFilters() {
        return preFilters;
    }

    public List<Filter> filters() {
        return filters;
    }

    public List<Score> scores() {
        return scores;
    }

    public List<Reserve> reserves() {
        return reserves;
    }

    /** Adds plugins by NAME; one instance per name serves all the roles it is added for. */
    public static final class Builder {
        private final PluginRegistry registry;
        private final SchedulerConfig config;
        private final Map<String, Plugin> made = new HashMap<>();
        private final List<PreFilter> preFilters = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private final List<Score> scores = new ArrayList<>();
        private final List<Reserve> reserves = new ArrayList<>();

        private Builder(PluginRegistry registry, SchedulerConfig config) {
            this.registry = requireNonNull(registry, "registry");
            this.config = requireNonNull(config, "config");
        }

        private <T> T get(String name, Class<T> role) {
            Plugin p = made.computeIfAbsent(name, n -> registry.create(n, config));
            if (!role.isInstance(p)) {
                throw new IllegalStateException("plugin: " + name + " (expected: a " + role.getSimpleName() + ")");
            }
            return role.cast(p);
        }

        public Builder preFilter(String name) {
            preFilters.add(get(name, PreFilter.class));
            return this;
        }

        public Builder filter(String name) {
            filters.add(get(name, Filter.class));
            return this;
        }

        public Builder score(String name) {
            scores.add(get(name, Score.class));
            return this;
        }

        public Builder reserve(String name) {
            reserves.add(get(name, Reserve.class));
            return this;
        }

        public PlacementChain build() {
            return new PlacementChain(this);
        }
    }
}
