/**
 * The kernels' public API: batch shapes ({@link io.harpoon.kernels.api.BatchBuffers}), stream state
 * ({@link io.harpoon.kernels.api.CfbStream}), the backend contract ({@link io.harpoon.kernels.api.KernelBackend})
 * and the names used in placement tables. No backend code lives here; nothing here touches a device.
 */
package io.harpoon.kernels.api;
