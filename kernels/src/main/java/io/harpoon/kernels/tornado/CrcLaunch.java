package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.reference.Crc32c;

/** Arguments of {@link TornadoKernels#crc32c}: packed buffers, the reference's table, one result per slot. */
final class CrcLaunch implements Launch {
    private final ShapeClass shape;
    final byte[] data;
    final int[] offsets;
    final int[] lengths;
    final int[] table = Crc32c.tableCopy();
    final int[] control = new int[1];
    final int[] out;
    private int count;

    CrcLaunch(ShapeClass shape) {
        this.shape = shape;
        this.data = new byte[shape.bytes()];
        this.offsets = new int[shape.slots()];
        this.lengths = new int[shape.slots()];
        this.out = new int[shape.slots()];
    }

    @Override
    public ShapeClass shape() {
        return shape;
    }

    void load(BatchBuffers in, boolean masked) {
        Launch.pack(in, data, offsets, lengths);
        control[TornadoKernels.CONTROL_MODE] = masked ? 1 : 0;
        count = in.count();
    }

    void store(int[] result) {
        System.arraycopy(out, 0, result, 0, count);
    }

    @Override
    public void runAsJava() {
        TornadoKernels.crc32c(data, offsets, lengths, table, control, out);
    }
}
