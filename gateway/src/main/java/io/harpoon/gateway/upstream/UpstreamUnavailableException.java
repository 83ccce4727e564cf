package io.harpoon.gateway.upstream;

/** The ExApp cannot be reached now (no tunnel, DNS failure); the client gets {@code 503}. */
public final class UpstreamUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Answered {@code 503}. */
    public UpstreamUnavailableException(String message) {
        this(message, 503);
    }

    public UpstreamUnavailableException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** A host name that does not resolve: HaRP answers {@code 404} (spec §9.1). */
    public static UpstreamUnavailableException unresolvable(String host) {
        return new UpstreamUnavailableException("cannot resolve " + host, 404);
    }

    public int status() {
        return status;
    }
}
