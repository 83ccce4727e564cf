package io.harpoon.engines.exapp;

/** A request body that does not match the control API's schema: {@code 400 Payload validation error: ...}. */
public final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }
}
