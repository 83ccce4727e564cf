/**
 * frp's cryptography and compression: the privilege key and PBKDF2 key ({@link io.harpoon.tunnel.crypto.FrpAuth}),
 * the AES-128-CFB stream handlers (IV first, per direction) and the snappy framing codec. Ciphers and checksums run in
 * {@code io.harpoon.kernels} through {@code Kernels}/{@code KernelPlacement}; this package holds no second
 * implementation of either.
 */
package io.harpoon.tunnel.crypto;
