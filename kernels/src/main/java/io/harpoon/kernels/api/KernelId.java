package io.harpoon.kernels.api;

import java.util.Locale;

/**
 * The kernels Harpoon's data plane runs in batches. {@link #wireName()} is the name used in placement tables,
 * CLI output and metrics; it never changes once published.
 */
public enum KernelId {
    /** CRC-32C (Castagnoli, reflected, init and xor-out {@code 0xFFFFFFFF}). */
    CRC32C("crc32c"),
    /** CRC-32C masked as snappy framing does: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    CRC32C_MASKED("crc32c-masked"),
    /** AES-128 in CFB mode with full 128-bit feedback (Go {@code cipher.NewCFBEncrypter}), streaming. */
    AES128_CFB("aes128-cfb"),
    /** AES-GCM seal/open, 128- or 256-bit keys, 12-byte IVs, 16-byte tags. */
    AES_GCM("aes-gcm");

    private final String wireName;

    KernelId(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a {@link #wireName()} (or the enum constant name), case-insensitively. */
    public static KernelId parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (KernelId k : values()) {
            if (k.wireName.equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kernel: " + name + " (expected one of crc32c, crc32c-masked, aes128-cfb, aes-gcm)");
    }
}
