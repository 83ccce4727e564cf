package io.harpoon.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skip-or-fail for tests that need a component of the machine (OpenCL, Docker, a GPU).
 *
 * <ul>
 *   <li>{@link #require}: a component CI must have (PoCL's OpenCL, dockerd). Missing → skipped with a printed
 *       reason on a developer machine; a <b>failure</b> when {@code HARPOON_STRICT=1} (set by {@code .ci/run})
 *       or {@code -Dharpoon.strict=true}.</li>
 *   <li>{@link #requireDevice}: a device CI never has (CUDA GPU, TornadoVM runtime). Missing → skipped with a
 *       printed reason, strict or not. Such tests also carry {@code @Tag("gpu")}.</li>
 * </ul>
 */
public final class Requirements {
    private Requirements() {
    }

    public static boolean strict() {
        return "1".equals(System.getenv("HARPOON_STRICT")) || Boolean.getBoolean("harpoon.strict");
    }

    public static void require(String component, boolean present, String reason) {
        if (present) {
            return;
        }
        String msg = "SKIPPED: " + component + " missing: " + reason;
        System.out.println(msg);
        if (strict()) {
            Assertions.fail("HARPOON_STRICT=1 and " + component + " is required here: " + reason);
        }
        Assumptions.abort(msg);
    }

    public static void requireDevice(String device, boolean present, String reason) {
        if (present) {
            return;
        }
        String msg = "SKIPPED (device test): " + device + " not present: " + reason;
        System.out.println(msg);
        Assumptions.abort(msg);
    }
}
