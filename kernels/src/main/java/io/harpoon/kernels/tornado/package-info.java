/**
 * The {@code tornado} backend: the kernels as TornadoVM {@code @Parallel} loop methods ({@link
 * io.harpoon.kernels.tornado.TornadoKernels}, one iteration per buffer, stream or message) and the host code that
 * stages batches into flat arrays, runs them as cached task graphs and reports anything but a clean device run as
 * unavailable or {@link io.harpoon.kernels.api.BackendFailure}.
 *
 * <p>Compiled against the project's compile-only declarations of the TornadoVM API ({@code harpoon-tornado-api},
 * provided scope); at run time the TornadoVM launcher supplies the real classes (docs/tornadovm.md). Without it the
 * backend reports itself unavailable with the cause and never touches a TornadoVM class.
 *
 * <pre>
 *   TornadoBackend --probe ok--&gt; LaunchDriver --stage--&gt; Launch (flat arrays, per ShapeClass)
 *                                      |                        |
 *                                      +--&gt; TornadoLauncher --&gt; TaskGraph/TornadoExecutionPlan (cached, LRU)
 *                                      +--&gt; Launcher.plainJava() (tests: same methods, sequential)
 * </pre>
 */
package io.harpoon.kernels.tornado;
