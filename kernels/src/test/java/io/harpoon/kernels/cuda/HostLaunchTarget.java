package io.harpoon.kernels.cuda;

import io.harpoon.kernels.reference.Aes;
import io.harpoon.kernels.reference.Crc32c;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LaunchTarget} that runs {@code harpoon_kernels.cu} compiled for the host with g++ (test resource
 * {@code cuda-host/harness.cpp}) in a child process: {@link CudaLaunches} talks to it exactly as to a GPU, so the
 * kernels and the argument lists the Java side passes are both checked without one. Buffers are host byte arrays
 * (ints little-endian, as on the device); every buffer argument comes back after each launch.
 */
final class HostLaunchTarget implements LaunchTarget, AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;

    private HostLaunchTarget(Process process) {
        this.process = process;
        this.out = new BufferedOutputStream(process.getOutputStream());
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** The g++ on the PATH, or null. */
    static Path findCompiler() {
        return CudaKernelSourceTest.onPath("g++");
    }

    /** Compiles the harness with the class-path copy of the kernel source into {@code dir} and starts it. */
    static HostLaunchTarget build(Path compiler, Path dir) throws IOException, InterruptedException {
        Path cu = dir.resolve("harpoon_kernels.cu");
        Files.writeString(cu, CudaKernelSource.load());
        Path harness = dir.resolve("harness.cpp");
        try (InputStream r = HostLaunchTarget.class.getResourceAsStream("/cuda-host/harness.cpp")) {
            Files.write(harness, r.readAllBytes());
        }
        Path exe = dir.resolve("harness");
        Process cc = new ProcessBuilder(compiler.toString(), "-std=c++14", "-O2", "-Wall", "-Wno-unused-function",
                "-DHARPOON_CU=\"" + cu.toAbsolutePath() + "\"", harness.toString(), "-o", exe.toString())
                .redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0) {
            throw new IllegalStateException("g++ failed on harpoon_kernels.cu:\n" + log);
        }
        return new HostLaunchTarget(new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    @Override
    public Session open() {
        return new HostSession();
    }

    @Override
    public void close() {
        process.destroy();
    }

    /** A host buffer standing in for device memory. */
    private static final class Buf {
        byte[] bytes;

        Buf(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    private final class HostSession implements Session {
        @Override
        public Object copyIn(byte[] host) {
            return new Buf(host.clone());
        }

        @Override
        public Object copyIn(int[] host) {
            ByteBuffer b = ByteBuffer.allocate(host.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(host);
            return new Buf(b.array());
        }

        @Override
        public Object alloc(long bytes) {
            return new Buf(new byte[(int) bytes]);
        }

        @Override
        public Object crcTable() {
            return copyIn(Crc32c.tableCopy());
        }

        @Override
        public Object sbox() {
            return copyIn(Aes.sboxCopy());
        }

        @Override
        public void launch(String entryPoint, int items, Object... args) {
            try {
                byte[] name = entryPoint.getBytes(StandardCharsets.US_ASCII);
                writeInt(name.length);
                out.write(name);
                writeInt(CudaKernelSource.gridBlocks(items)); // the geometry DeviceMemory launches with
                writeInt(CudaKernelSource.BLOCK_THREADS);
                writeInt(args.length);
                List<Buf> bufs = new ArrayList<>();
                for (Object a : args) {
                    if (a instanceof Integer v) {
                        out.write('s');
                        writeInt(v);
                    } else {
                        Buf b = (Buf) a;
                        out.write('b');
                        writeInt(b.bytes.length);
                        out.write(b.bytes);
                        bufs.add(b);
                    }
                }
                out.flush();
                for (Buf b : bufs) {
                    int len = Integer.reverseBytes(in.readInt());
                    byte[] back = new byte[len];
                    in.readFully(back);
                    b.bytes = back;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("host harness died (see its stderr above)", e);
            }
        }

        @Override
        public void copyOut(Object buffer, byte[] host) {
            System.arraycopy(((Buf) buffer).bytes, 0, host, 0, host.length);
        }

        @Override
        public void copyOut(Object buffer, int[] host) {
            ByteBuffer.wrap(((Buf) buffer).bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(host);
        }

        @Override
        public void close() {
        }

        private void writeInt(int v) throws IOException {
            out.write(v);
            out.write(v >> 8);
            out.write(v >> 16);
            out.write(v >> 24);
        }
    }
}
