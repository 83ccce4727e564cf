/**
 * The kernels written once as plain static Java methods: the test oracle, the CPU fallback of last resort, and the
 * source every device kernel (Aparapi, OpenCL C, TornadoVM, CUDA) is derived from. Deliberately simple: no tables
 * beyond the CRC table and the AES S-box, no allocation tricks. Must not depend on any backend.
 */
package io.harpoon.kernels.reference;
