package io.harpoon.scheduler.model;

/**
 * What a performance model says about one (model key, engine) pair. A model with too few samples says
 * {@link Calibrating} instead of guessing (StarPU marks such models the same way).
 */
public sealed interface Prediction permits Prediction.Modelled, Prediction.Calibrating, Prediction.NoModel {

    /** Enough samples: mean run time and its spread. */
    record Modelled(double meanSeconds, double stddevSeconds, int samples) implements Prediction {
    }

    /** Some samples, fewer than needed. */
    record Calibrating(int samples, int needed) implements Prediction {
    }

    /** Never measured on this engine. */
    record NoModel() implements Prediction {
    }

    NoModel NO_MODEL = new NoModel();
}
