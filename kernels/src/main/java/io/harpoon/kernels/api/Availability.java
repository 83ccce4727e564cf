package io.harpoon.kernels.api;

import static java.util.Objects.requireNonNull;

/**
 * Result of probing a backend: available on a named device, or unavailable with the cause. A backend is never
 * silently absent: the cause says what was missing (library, driver, runtime) or what failed.
 *
 * @param backend the backend probed
 * @param available whether kernels can run there
 * @param device device name when available (e.g. {@code "pthread-Intel(R) Xeon(R) (OpenCL 3.0 PoCL)"}), else ""
 * @param cause why it is unavailable, else ""
 */
public record Availability(Backend backend, boolean available, String device, String cause) {
    public Availability {
        requireNonNull(backend, "backend");
        requireNonNull(device, "device");
        requireNonNull(cause, "cause");
    }

    public static Availability available(Backend backend, String device) {
        return new Availability(backend, true, device, "");
    }

    public static Availability unavailable(Backend backend, String cause) {
        return new Availability(backend, false, "", cause);
    }

    /** Cause of a throwable, flattened to one line with its chain of causes. */
    public static Availability unavailable(Backend backend, Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return unavailable(backend, sb.toString());
    }

    @Override
    public String toString() {
        return backend.wireName() + (available ? " available: " + device : " unavailable: " + cause);
    }
}
