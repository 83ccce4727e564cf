package io.harpoon.kernels.api;

/**
 * A batch of AES-GCM messages, sealed or opened in place.
 *
 * <pre>
 *   buffer i : data[offsets[i] .. +lengths[i])   plaintext  &lt;-&gt;  ciphertext (same length, in place)
 *   key i    : keys[i]   16 or 32 bytes (AES-128 / AES-256)
 *   iv i     : ivs[i]    12 bytes (the 96-bit IV of NIST SP 800-38D, J0 = IV || 0^31 || 1)
 *   aad i    : aad == null ? none : aad buffer i
 *   tag i    : tags[16*i .. 16*i+16)   written by seal, checked by open
 * </pre>
 *
 * <p>Open never reports unauthenticated plaintext: a buffer whose tag does not verify is zero-filled and its
 * entry in the result is {@code false}.
 *
 * @param data messages, in place
 * @param keys one key per message
 * @param ivs one 12-byte IV per message
 * @param aad additional authenticated data per message, or {@code null}
 * @param tags 16 bytes per message
 */
public record GcmBatch(BatchBuffers data, byte[][] keys, byte[][] ivs, BatchBuffers aad, byte[] tags) {
    /** Tag length in bytes (full 128-bit tags only). */
    public static final int TAG_BYTES = 16;
    /** IV length in bytes. */
    public static final int IV_BYTES = 12;

    public GcmBatch {
        if (data == null) {
            throw new IllegalArgumentException("data: null (expected: a batch)");
        }
        int n = data.count();
        if (keys == null || keys.length != n) {
            throw new IllegalArgumentException("keys.length: " + (keys == null ? "null" : keys.length) + " (expected: " + n + ")");
        }
        if (ivs == null || ivs.length != n) {
            throw new IllegalArgumentException("ivs.length: " + (ivs == null ? "null" : ivs.length) + " (expected: " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (keys[i] == null || (keys[i].length != 16 && keys[i].length != 32)) {
                throw new IllegalArgumentException("keys[" + i + "].length: " + (keys[i] == null ? "null" : keys[i].length)
                        + " (expected: 16 or 32)");
            }
            if (ivs[i] == null || ivs[i].length != IV_BYTES) {
                throw new IllegalArgumentException("ivs[" + i + "].length: " + (ivs[i] == null ? "null" : ivs[i].length)
                        + " (expected: 12)");
            }
        }
        if (aad != null && aad.count() != n) {
            throw new IllegalArgumentException("aad.count: " + aad.count() + " (expected: " + n + ")");
        }
        if (tags == null) {
            throw new IllegalArgumentException("tags: null (expected: " + (n * TAG_BYTES) + " bytes)");
        }
        data.requireOutput("tags", tags.length, TAG_BYTES);
    }

    /** Number of messages. */
    public int count() {
        return data.count();
    }

    /** Offset of buffer i's AAD in {@code aad().data()}, or 0 without AAD. */
    public int aadOffset(int i) {
        return aad == null ? 0 : aad.offsets()[i];
    }

    /** Length of buffer i's AAD, 0 without AAD. */
    public int aadLength(int i) {
        return aad == null ? 0 : aad.lengths()[i];
    }

    /** The AAD backing array, or an empty array without AAD. */
    public byte[] aadData() {
        return aad == null ? new byte[0] : aad.data();
    }
}
