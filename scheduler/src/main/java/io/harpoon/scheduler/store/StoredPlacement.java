package io.harpoon.scheduler.store;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Reservation;
import java.util.Optional;

/**
 * One row of the placement store: the latest decision for an ExApp id.
 *
 * @param workloadId  ExApp id
 * @param state       PLACED (holds {@code reservation}), RELEASED (container removed, data volume kept: the
 *                    reservation is history and names the engine the ExApp must return to), REFUSED, or LOST
 *                    (its engine went down: the reservation is history and the pool re-places it on the next
 *                    {@code start}; the data volume is out of reach, so the ExApp has no home any more)
 * @param reservation what is or was held, null when refused
 * @param explanation why
 * @param sequence    increases with every write, so listings can show the latest decisions last
 */
public record StoredPlacement(String workloadId, State state, Reservation reservation, Explanation explanation,
                             long sequence) {
    /** Decision stored for an id. */
    public enum State {
        PLACED,
        RELEASED,
        REFUSED,
        LOST
    }

    public StoredPlacement {
        requireNonNull(workloadId, "workloadId");
        requireNonNull(state, "state");
        requireNonNull(explanation, "explanation");
        if ((state == State.REFUSED) == (reservation != null)) {
            throw new IllegalArgumentException("reservation: " + reservation + " (expected: absent iff REFUSED)");
        }
    }

    /** What the row holds now: the reservation of a PLACED row. */
    public Optional<Reservation> held() {
        return state == State.PLACED ? Optional.of(reservation) : Optional.empty();
    }

    /** The engine holding the ExApp's data volume (PLACED or RELEASED), "" when none (REFUSED, LOST). */
    public String homeEngineId() {
        return reservation == null || state == State.LOST ? "" : reservation.engineId();
    }
}
