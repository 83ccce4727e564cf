package io.harpoon.scheduler.store;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Reservation;
import java.util.Optional;

/**
 * One row of the placement store: the latest decision for an ExApp id.
 *
 * @param workloadId  ExApp id
 * @param state       PLACED (holds {@code reservation}) or REFUSED (holds nothing)
 * @param reservation what is held, null when refused
 * @param explanation why
 * @param sequence    increases with every write, so listings can show the latest decisions last
 */
public record StoredPlacement(String workloadId, State state, Reservation reservation, Explanation explanation,
                             long sequence) {
    /** Decision stored for an id. */
    public enum State {
        PLACED,
        REFUSED
    }

    public StoredPlacement {
        requireNonNull(workloadId, "workloadId");
        requireNonNull(state, "state");
        requireNonNull(explanation, "explanation");
        if ((state == State.PLACED) != (reservation != null)) {
            throw new IllegalArgumentException("reservation: " + reservation + " (expected: present iff PLACED)");
        }
    }

    public Optional<Reservation> held() {
        return Optional.ofNullable(reservation);
    }
}
