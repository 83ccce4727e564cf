package io.harpoon.tunnel.crypto;

import io.harpoon.kernels.select.Kernels;
import io.netty.buffer.ByteBuf;

/**
 * Constants and the checksum of the snappy framing format as golang/snappy writes it (spec/frp-wire.md §10).
 *
 * <pre>
 *  +------+----------------------+-----------------------------+------------------+
 *  | type | length (3 bytes, LE) | masked CRC32C (4 bytes, LE) | data             |   type 0x00 / 0x01
 *  +------+----------------------+-----------------------------+------------------+
 *  ff 06 00 00 73 4e 61 50 70 59  stream identifier "sNaPpY", first in every stream
 * </pre>
 * The checksum is CRC32C of the uncompressed data, masked {@code ((c >>> 15) | (c << 17)) + 0xa282ead8}, computed by
 * {@link Kernels#crc32cMasked} (one implementation of CRC32C in the whole project).
 */
public final class SnappyFraming {
    public static final int TYPE_COMPRESSED = 0x00;
    public static final int TYPE_UNCOMPRESSED = 0x01;
    public static final int TYPE_PADDING = 0xfe;
    public static final int TYPE_STREAM_ID = 0xff;
    /** Largest uncompressed chunk (golang/snappy {@code maxBlockSize}). */
    public static final int MAX_BLOCK = 65536;
    /** Largest chunk body accepted (golang/snappy {@code maxEncodedLenOfMaxBlockSize} + checksum). */
    public static final int MAX_CHUNK = 76490 + 4;
    static final byte[] STREAM_ID = {(byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};

    private SnappyFraming() {
    }

    static int maskedCrc(Kernels kernels, ByteBuf data, int index, int length) {
        if (data.hasArray()) {
            return kernels.crc32cMasked(data.array(), data.arrayOffset() + index, length);
        }
        byte[] copy = new byte[length];
        data.getBytes(index, copy);
        return kernels.crc32cMasked(copy, 0, length);
    }
}
