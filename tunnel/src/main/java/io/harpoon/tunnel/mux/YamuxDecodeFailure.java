package io.harpoon.tunnel.mux;

/** Emitted by {@link YamuxFrameDecoder} for a header that is not yamux; the session answers GoAway(1) and closes. */
public record YamuxDecodeFailure(Reason reason, int value) {
    public enum Reason {
        /** Version byte not 0 (Go {@code ErrInvalidVersion}). */
        BAD_VERSION,
        /** Type above 3 (Go {@code ErrInvalidMsgType}). */
        BAD_TYPE
    }

    @Override
    public String toString() {
        return reason + ": " + value;
    }
}
