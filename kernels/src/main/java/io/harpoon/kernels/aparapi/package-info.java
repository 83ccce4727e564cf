/**
 * The {@code aparapi} backend: the four kernels written as Aparapi {@code Kernel}s, which Aparapi translates from
 * bytecode to OpenCL C and runs on the best OpenCL device (PoCL's CPU device in CI, a GPU where there is one).
 *
 * <h2>Shape: one work item per buffer, stream or message</h2>
 * <pre>
 *   host                                       device (global range padded to groups of 64, ids &gt;= count idle)
 *   BatchBuffers --Staging.pack--&gt; data[], offsets[], lengths[] --&gt; work item i: buffer i, start to end
 *   CfbStream[]  --flatten-------&gt; roundKeys[44i], feedback[16i], keystream[16i], used[i]  (in and out)
 *   GcmBatch     --flatten-------&gt; roundKeys[60i], rounds[i], ivs[12i], tags[16i], aad..., ok[i]
 *   results, in-place bytes and stream states are copied back only after the launch ran on OpenCL
 * </pre>
 * Why not split a buffer across work items: CRC-32C is a chain over the bytes (splitting needs a combine step
 * with GF(2) matrix powers), CFB feeds each ciphertext byte into the next block's input, and GHASH is a chain
 * over the message's blocks. What Harpoon's data plane has many of is buffers (frames, packets, streams), so the
 * batch is the parallel dimension; a batch of one is correct but serial. Each kernel is derived from its
 * reference method in {@code io.harpoon.kernels.reference} and checked against it byte for byte.
 *
 * <h2>What counts as available</h2>
 * The backend is available only when a real OpenCL device runs the kernels. The one-time probe (bounded by
 * {@link io.harpoon.kernels.aparapi.AparapiBackend#PROBE_TIMEOUT_SECONDS}) requires that Aparapi's best device is
 * an OpenCL device, that all three kernels build there, and that each kernel's output on a small batch equals
 * the reference's. Aparapi's silent fallback to its Java thread pool counts as unavailable: when there is no
 * OpenCL its best device is a Java device (unavailable, with that cause); when a launch falls back anyway, the
 * launch throws {@link io.harpoon.kernels.api.BackendFailure} (the device was marked failed, the kernel no longer
 * targets OpenCL, or a Java device ran the kernel class). A missing {@code libOpenCL}, no ICD, a failed build or
 * a hung driver each become an {@link io.harpoon.kernels.api.Availability} with the cause, never a crash.
 *
 * <h2>Aparapi 3.0.2 traps met here</h2>
 * <ul>
 *   <li>With auto clean-up on, Aparapi replaces <em>every</em> array field of a kernel by an empty array after a
 *       launch, constant tables included: the S-box and CRC table are assigned before each launch.</li>
 *   <li>Field and parameter names go into the OpenCL C verbatim: {@code register}, {@code half} and other C/OpenCL
 *       keywords make the build fail (and Aparapi fall back to Java).</li>
 *   <li>Allocating an array inside a kernel ({@code new int[2]}) made the code generator loop forever; kernels
 *       keep state in registers or in per-work-item slices of field arrays instead.</li>
 *   <li>Helper methods take and return scalars only; arrays are fields. Only int, long and byte are used (PoCL's
 *       CPU device has no fp16, and nothing here needs floating point). Java's {@code >>>} becomes an unsigned
 *       shift, as the generated source shows ({@code -Dcom.aparapi.enableShowGeneratedOpenCL=true}).</li>
 *   <li>Aparapi's class parser warns about the {@code MethodParameters} attribute of {@code javac -parameters};
 *       its logger is quieted while the kernels are built.</li>
 * </ul>
 *
 * <p>Thread safety: an Aparapi kernel carries its arguments in fields, so batches are serialised on the runtime;
 * staging and unpacking happen outside the lock.
 */
package io.harpoon.kernels.aparapi;
