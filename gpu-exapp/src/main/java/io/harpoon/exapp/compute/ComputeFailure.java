package io.harpoon.exapp.compute;

/** A backend could not upload or search (device lost, out of memory, launch error). Never partial results. */
public final class ComputeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComputeFailure(ComputeKind kind, String message, Throwable cause) {
        super(kind.wireName() + ": " + message, cause);
    }

    public ComputeFailure(ComputeKind kind, String message) {
        this(kind, message, null);
    }
}
