/**
 * Sample AI ExApp: vector similarity search that honours the AppAPI ExApp contract.
 *
 * <p>Planned (issue "gpu-exapp"): heartbeat/init/enabled contract, collections of float32 vectors with top-k
 * search on CUDA, OpenCL, TornadoVM or CPU. See {@code ../shared/spec/exapp-contract.md}.
 */
package io.harpoon.exapp;
