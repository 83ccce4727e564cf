package io.harpoon.kernels.api;

/**
 * A backend could not run a kernel (absent device, compile bailout, launch error, unsupported kernel).
 * Thrown instead of returning partial output; {@code select.BackendChain} records it and tries the next backend.
 */
public final class BackendFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Backend backend;

    public BackendFailure(Backend backend, String message, Throwable cause) {
        super(backend.wireName() + ": " + message, cause);
        this.backend = backend;
    }

    public BackendFailure(Backend backend, String message) {
        this(backend, message, null);
    }

    public Backend backend() {
        return backend;
    }
}
