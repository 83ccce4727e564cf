package io.harpoon.engines.transport;

/** The engine accepted the request but did not answer in time. Mapped to {@code 504} by the control API. */
public final class EngineTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineTimeoutException(String message) {
        super(message);
    }
}
