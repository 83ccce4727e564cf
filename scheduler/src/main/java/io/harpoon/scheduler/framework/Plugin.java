package io.harpoon.scheduler.framework;

/** A named extension of the placement chain; each plugin answers one question. */
public interface Plugin {
    /** The plugin's NAME constant, as used in explanations, weights and the registry. */
    String name();
}
