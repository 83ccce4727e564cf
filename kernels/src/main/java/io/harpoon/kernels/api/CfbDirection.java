package io.harpoon.kernels.api;

/** Direction of an AES-CFB pass. The feedback register takes the ciphertext byte in both directions. */
public enum CfbDirection {
    ENCRYPT,
    DECRYPT
}
