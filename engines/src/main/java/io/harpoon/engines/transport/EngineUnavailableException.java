package io.harpoon.engines.transport;

/**
 * The engine could not be reached or dropped the connection before answering: its socket is missing, its tunnel is
 * not connected, or the stream died mid-request. Mapped to {@code 503} by the control API (spec §8.4).
 */
public final class EngineUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
