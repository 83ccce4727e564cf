package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Result of one scheduling cycle: placed or refused, always with an explanation. */
public sealed interface Plan permits Plan.Placed, Plan.Refused {

    Explanation explanation();

    String workloadId();

    /** The placement, empty when refused. */
    Optional<Placement> placement();

    /** Placed on {@code placement().engineId()}. */
    record Placed(Placement chosen, Explanation explanation) implements Plan {
        public Placed {
            requireNonNull(chosen, "chosen");
            requireNonNull(explanation, "explanation");
        }

        @Override
        public String workloadId() {
            return chosen.workloadId();
        }

        @Override
        public Optional<Placement> placement() {
            return Optional.of(chosen);
        }
    }

    /** No engine fits; {@code explanation().summary()} says why, e.g. for the pool's 503 body. */
    record Refused(String workloadId, Explanation explanation) implements Plan {
        public Refused {
            requireNonNull(workloadId, "workloadId");
            requireNonNull(explanation, "explanation");
        }

        @Override
        public Optional<Placement> placement() {
            return Optional.empty();
        }
    }
}
