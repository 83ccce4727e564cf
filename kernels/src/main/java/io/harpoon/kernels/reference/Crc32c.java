package io.harpoon.kernels.reference;

/**
 * CRC-32C (Castagnoli), the reference: reflected polynomial {@code 0x82F63B78}, initial value and final xor
 * {@code 0xFFFFFFFF}, one table lookup per byte. Device kernels are written from {@link #update}; keep it plain.
 */
public final class Crc32c {
    /** Reflected Castagnoli polynomial. */
    public static final int POLY = 0x82F63B78;
    /** Byte-wise lookup table, public so device adapters copy exactly these values. */
    private static final int[] TABLE = table();

    private Crc32c() {
    }

    static int[] table() {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }

    /** A copy of the 256-entry table (for device kernels that need it as a buffer). */
    public static int[] tableCopy() {
        return TABLE.clone();
    }

    /** Continues a raw (non-inverted) CRC register over {@code data[off..off+len)}. */
    public static int update(int crc, byte[] data, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ data[i]) & 0xFF] ^ (c >>> 8);
        }
        return c;
    }

    /** CRC-32C of {@code data[off..off+len)}. */
    public static int crc32c(byte[] data, int off, int len) {
        return ~update(0xFFFFFFFF, data, off, len);
    }

    /** Snappy's masked CRC-32C: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    public static int masked(byte[] data, int off, int len) {
        int crc = crc32c(data, off, len);
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
