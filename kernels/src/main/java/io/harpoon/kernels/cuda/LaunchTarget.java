package io.harpoon.kernels.cuda;

/**
 * What {@link CudaLaunches} needs from a device: per-launch memory, copies, and launches of the source's entry
 * points by name. {@link CudaContext} implements it with JCuda; the tests implement it by running the same
 * {@code .cu} file compiled for the host, which checks the kernels <em>and</em> the argument lists the Java side
 * passes without a GPU.
 */
interface LaunchTarget {
    /** Memory for one launch; everything allocated is freed on {@link Session#close()}. */
    Session open();

    /** One launch's buffers (opaque handles) and operations. */
    interface Session extends AutoCloseable {
        Object copyIn(byte[] host);

        Object copyIn(int[] host);

        /** Uninitialised device memory for an output. */
        Object alloc(long bytes);

        /** The CRC-32C table (256 words, uploaded once per target). */
        Object crcTable();

        /** The AES S-box (256 words, uploaded once per target). */
        Object sbox();

        /**
         * Runs {@code entryPoint} with one thread per item and waits for it.
         *
         * @param args buffers from this session, or {@link Integer} scalars, in the kernel's parameter order
         */
        void launch(String entryPoint, int items, Object... args);

        void copyOut(Object buffer, byte[] host);

        void copyOut(Object buffer, int[] host);

        @Override
        void close();
    }
}
