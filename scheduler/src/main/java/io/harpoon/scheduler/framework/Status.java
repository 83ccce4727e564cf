package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.Reason;
import java.util.List;

/**
 * Result of one plugin: SUCCESS, or the worst code among every failing reason (each with its numbers).
 *
 * @param code    SUCCESS when {@code reasons} is empty
 * @param reasons every failing reason, in the plugin's fixed order
 */
public record Status(Code code, List<Reason> reasons) {
    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of());

    public Status {
        requireNonNull(code, "code");
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    }

    /** SUCCESS for no reasons, else the worst reason code. */
    public static Status of(List<Reason> reasons) {
        if (reasons.isEmpty()) {
            return SUCCESS;
        }
        Code c = Code.SUCCESS;
        for (Reason r : reasons) {
            c = c.worse(r.code());
        }
        return new Status(c, reasons);
    }

    public static Status of(Reason reason) {
        return of(List.of(reason));
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}
