package io.harpoon.exapp.compute;

import static java.util.Objects.requireNonNull;

/**
 * Result of probing a compute backend: available on a named device, or unavailable with the cause. Never silent.
 *
 * @param kind the backend probed
 * @param available whether searches can run there
 * @param device device description when available, else ""
 * @param gpu whether the device is a discrete accelerator (not a CPU, not PoCL's pthread device)
 * @param cause why it is unavailable, else ""
 */
public record ComputeAvailability(ComputeKind kind, boolean available, String device, boolean gpu, String cause) {
    public ComputeAvailability {
        requireNonNull(kind, "kind");
        requireNonNull(device, "device");
        requireNonNull(cause, "cause");
    }

    public static ComputeAvailability available(ComputeKind kind, String device, boolean gpu) {
        return new ComputeAvailability(kind, true, device, gpu, "");
    }

    public static ComputeAvailability unavailable(ComputeKind kind, String cause) {
        return new ComputeAvailability(kind, false, "", false, cause);
    }

    /** The throwable's chain flattened to one line ("Type: message <- Type: message"). */
    public static ComputeAvailability unavailable(ComputeKind kind, Throwable t) {
        return unavailable(kind, describe(t));
    }

    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return kind.wireName() + (available ? " available: " + device : " unavailable: " + cause);
    }
}
