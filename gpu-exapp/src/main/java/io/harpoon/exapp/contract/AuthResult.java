package io.harpoon.exapp.contract;

import static java.util.Objects.requireNonNull;

/** Outcome of checking AppAPI's signature headers on one request. */
public sealed interface AuthResult {

    /** Signed by AppAPI (or HaRP on its behalf); {@code userId} is empty for system and lifecycle calls. */
    record Accepted(String userId) implements AuthResult {
        public Accepted {
            requireNonNull(userId, "userId");
        }
    }

    /** Not signed, or signed for another app or with another secret. The reason never contains header values. */
    record Rejected(String reason) implements AuthResult {
        public Rejected {
            requireNonNull(reason, "reason");
        }
    }
}
