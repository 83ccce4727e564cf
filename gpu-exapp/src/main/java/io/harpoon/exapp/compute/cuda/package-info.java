/** CUDA through JCuda (driver API) and NVRTC: device-resident collections, the shared kernels compiled at start. */
package io.harpoon.exapp.compute.cuda;
