package io.harpoon.kernels.aparapi;

import com.aparapi.Kernel;

/**
 * CRC-32C, one work item per buffer, table-driven: {@code reference.Crc32c.update} with the loop index
 * taken from the global id. Work items past {@link #count} (the range is padded to whole work groups) do nothing.
 */
final class CrcKernel extends Kernel {
    byte[] data = new byte[1];
    int[] offsets = new int[1];
    int[] lengths = new int[1];
    int[] table = new int[256];
    int[] out = new int[1];
    int count;
    /** 1: apply snappy's mask to each result. */
    int masked;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < count) {
            int c = 0xFFFFFFFF;
            int end = offsets[i] + lengths[i];
            for (int p = offsets[i]; p < end; p++) {
                c = table[(c ^ data[p]) & 0xFF] ^ (c >>> 8);
            }
            c = ~c;
            if (masked != 0) {
                c = ((c >>> 15) | (c << 17)) + 0xa282ead8;
            }
            out[i] = c;
        }
    }
}
