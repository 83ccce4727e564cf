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
 *
 * <p>Must not: touch a TornadoVM class before the probe has checked for the runtime, or return results that did not
 * come from the device (bailout recovery is forced off).
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>constant</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@code Launch.MIN_SLOTS} / {@code MIN_BYTES}</td><td>256 / 64 KiB</td><td>smallest shape class, so small
 *       batches share one plan (each new plan is a JIT compilation)</td></tr>
 *   <tr><td>{@code Launch.MAX_BYTES}</td><td>1 GiB</td><td>largest staged data or AAD; bigger batches fail over</td></tr>
 *   <tr><td>{@code TornadoLauncher.MAX_PLANS}</td><td>8</td><td>plans (device buffers, compiled kernels) kept, LRU</td></tr>
 *   <tr><td>{@code TornadoBackend.PROBE_TIMEOUT}</td><td>120 s</td><td>runtime start plus one JIT compilation</td></tr>
 * </table>
 */
package io.harpoon.kernels.tornado;
