package io.harpoon.tunnel.wire;

/**
 * Emitted by {@link FrpFrameDecoder} instead of throwing: why the stream is unusable and the offending value.
 * After a failure the decoder discards everything; the handler closes the connection with one log line.
 */
public record FrpDecodeFailure(Reason reason, String value) {

    public enum Reason {
        /** Type byte not in the catalogue (frp {@code ErrMsgType}). */
        UNKNOWN_TYPE,
        /** Stream starts with the wire v2 magic {@code "FRP\0\2\r\n"}. */
        WIRE_V2,
        /** Length above the limit (frp {@code ErrMaxMsgLength}). */
        LENGTH_TOO_LARGE,
        /** Negative length (frp {@code ErrMsgLength}). */
        NEGATIVE_LENGTH,
        /** Body is not valid JSON for the type. */
        INVALID_JSON
    }

    @Override
    public String toString() {
        return reason + ": " + value;
    }
}
