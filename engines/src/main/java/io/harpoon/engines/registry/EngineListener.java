package io.harpoon.engines.registry;

/** Told when an engine starts or stops answering (the scheduler's inventory follows these). */
public interface EngineListener {
    void engineUp(EngineView engine);

    void engineDown(EngineView engine);
}
