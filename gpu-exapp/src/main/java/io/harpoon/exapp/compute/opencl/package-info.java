/** OpenCL through JOCL (ROCm/NVIDIA/Intel GPUs, PoCL in CI): device-resident collections, the shared kernels. */
package io.harpoon.exapp.compute.opencl;
