package io.harpoon.kernels.tornado;

/**
 * Where launches run: {@link #plainJava()} calls the kernel methods directly; {@link TornadoLauncher} runs them as
 * TornadoVM task graphs. Not thread-safe; {@link LaunchDriver} serialises calls.
 */
interface Launcher {
    /** Staging arrays for a batch of this shape class: fresh (plain Java) or those a cached plan is bound to. */
    Launch acquire(Launch.ShapeClass shape);

    /** Runs the kernel over {@code launch}, which came from {@link #acquire}; throws BackendFailure on failure. */
    void run(Launch launch);

    /** The kernels as plain sequential Java: the CPU check of the very methods TornadoVM compiles. */
    static Launcher plainJava() {
        return new Launcher() {
            @Override
            public Launch acquire(Launch.ShapeClass shape) {
                return create(shape);
            }

            @Override
            public void run(Launch launch) {
                launch.runAsJava();
            }
        };
    }

    /** New staging arrays for {@code shape}. */
    static Launch create(Launch.ShapeClass shape) {
        return switch (shape.kind()) {
            case CRC32C -> new CrcLaunch(shape);
            case AES128_CFB -> new CfbLaunch(shape);
            case AES_GCM -> new GcmLaunch(shape);
        };
    }
}
