package io.harpoon.kernels.api;

import java.util.Locale;

/** Where a kernel runs. Order of declaration is not a preference; see {@code select.BackendChain}. */
public enum Backend {
    /** Plain Java reference methods: the oracle every other backend is checked against. */
    JAVA("java"),
    /** JDK intrinsics ({@code java.util.zip.CRC32C}, {@code javax.crypto}): the default CPU path. */
    JDK("jdk"),
    /** Aparapi kernels translated to OpenCL (hand-written OpenCL C through JOCL where Aparapi cannot express one). */
    APARAPI("aparapi"),
    /** TornadoVM task graphs over {@code @Parallel} loops; present only when the TornadoVM runtime is. */
    TORNADO("tornado"),
    /** JCuda with NVRTC-compiled kernels; present only with a CUDA driver. */
    CUDA("cuda");

    private final String wireName;

    Backend(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Backend parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : values()) {
            if (b.wireName.equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("backend: " + name + " (expected one of java, jdk, aparapi, tornado, cuda)");
    }
}
