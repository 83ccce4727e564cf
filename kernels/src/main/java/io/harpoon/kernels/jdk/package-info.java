/**
 * The {@code jdk} backend: JDK intrinsics for CRC-32C, AES-ECB (as the CFB128 block function) and AES-GCM.
 * The default CPU path; always available on a JDK &gt;= 21.
 */
package io.harpoon.kernels.jdk;
