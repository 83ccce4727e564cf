package io.harpoon.kernels.api;

import java.util.Arrays;

/**
 * The running state of one AES-128-CFB128 stream (Go's {@code cipher.NewCFBEncrypter}/{@code NewCFBDecrypter},
 * as frp uses for its control channel and per-proxy encryption). Mutable: each kernel call advances it, so a
 * stream continued in the next batch produces the same bytes as one call over the concatenation.
 *
 * <pre>
 *   keystream = AES_K(register)            computed when used == 16
 *   out[i]    = in[i] ^ keystream[used]
 *   register[used] = ciphertext byte        (out[i] when encrypting, in[i] when decrypting)
 *   used++                                  after 16 bytes the register is the last ciphertext block
 * </pre>
 *
 * <p>Fields are exposed as arrays because device backends copy them into flat buffers and back; only kernels
 * write them. A stream is not thread-safe and must be used by one batch at a time.
 */
public final class CfbStream {
    /** AES-128 key length in bytes. */
    public static final int KEY_BYTES = 16;
    /** Block and IV length in bytes. */
    public static final int BLOCK_BYTES = 16;

    private final byte[] key;
    private final byte[] register;
    private final byte[] keystream;
    private int used;
    /** Backend-private cache (e.g. an initialised JDK cipher); ignored by copy() and equality. */
    private Object attachment;
    private Backend attachmentOwner;

    /**
     * @param key 16-byte AES-128 key
     * @param iv 16-byte initialisation vector (sent in clear by frp as the first 16 bytes of each direction)
     */
    public CfbStream(byte[] key, byte[] iv) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key.length: " + (key == null ? "null" : key.length) + " (expected: 16)");
        }
        if (iv == null || iv.length != BLOCK_BYTES) {
            throw new IllegalArgumentException("iv.length: " + (iv == null ? "null" : iv.length) + " (expected: 16)");
        }
        this.key = key.clone();
        this.register = iv.clone();
        this.keystream = new byte[BLOCK_BYTES];
        this.used = BLOCK_BYTES;
    }

    private CfbStream(CfbStream o) {
        this.key = o.key.clone();
        this.register = o.register.clone();
        this.keystream = o.keystream.clone();
        this.used = o.used;
    }

    /** Independent copy of the state (for tests and for retrying a batch on another backend). */
    public CfbStream copy() {
        return new CfbStream(this);
    }

    /** Restores this stream's state from another (used when a backend failed part-way and the chain retries). */
    public void restoreFrom(CfbStream o) {
        System.arraycopy(o.key, 0, key, 0, KEY_BYTES);
        System.arraycopy(o.register, 0, register, 0, BLOCK_BYTES);
        System.arraycopy(o.keystream, 0, keystream, 0, BLOCK_BYTES);
        used = o.used;
    }

    /** The key (live array: do not modify). */
    public byte[] key() {
        return key;
    }

    /** Feedback register (live array, written by kernels). */
    public byte[] register() {
        return register;
    }

    /** Current keystream block (live array, written by kernels). */
    public byte[] keystream() {
        return keystream;
    }

    /** Bytes of {@link #keystream()} already used, 0..16; 16 means the next byte needs a fresh block. */
    public int used() {
        return used;
    }

    public void used(int used) {
        if (used < 0 || used > BLOCK_BYTES) {
            throw new IllegalArgumentException("used: " + used + " (expected: 0..16)");
        }
        this.used = used;
    }

    /** Backend-private cached object, valid only for {@code owner}; null when absent or owned by another. */
    public Object attachment(Backend owner) {
        return attachmentOwner == owner ? attachment : null;
    }

    public void attach(Backend owner, Object value) {
        this.attachmentOwner = owner;
        this.attachment = value;
    }

    /** Same key, register, keystream and position. */
    public boolean sameStateAs(CfbStream o) {
        return used == o.used && Arrays.equals(key, o.key) && Arrays.equals(register, o.register)
                && (used == BLOCK_BYTES || Arrays.equals(keystream, o.keystream));
    }

    @Override
    public String toString() {
        // Never print key material.
        return "CfbStream[used=" + used + "]";
    }
}
