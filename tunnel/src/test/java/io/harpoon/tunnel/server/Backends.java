package io.harpoon.tunnel.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;

/** Blocking loopback backends the ExApp side of a tunnel talks to. */
final class Backends {
    private Backends() {
    }

    /** A server socket on 127.0.0.1:0 serving each connection with {@code handler} on a virtual thread. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket;
        private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();

        Server(Handler handler) throws IOException {
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            exec.execute(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        exec.execute(() -> {
                            try (s) {
                                handler.serve(s.getInputStream(), s.getOutputStream());
                            } catch (IOException ignored) {
                                // peer went away
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", port());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            exec.shutdownNow();
        }
    }

    interface Handler {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    static Server echo() throws IOException {
        return new Server((in, out) -> {
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        });
    }

    /** Reads {@code int length} + bytes, answers the CRC32C of the bytes and then the bytes' length again. */
    static Server checksum() throws IOException {
        return new Server((in, out) -> {
            DataInputStream d = new DataInputStream(in);
            int len = d.readInt();
            CRC32C crc = new CRC32C();
            byte[] buf = new byte[65536];
            int left = len;
            while (left > 0) {
                int n = d.read(buf, 0, Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("short");
                }
                crc.update(buf, 0, n);
                left -= n;
            }
            DataOutputStream o = new DataOutputStream(out);
            o.writeLong(crc.getValue());
            o.writeInt(len);
            o.flush();
        });
    }
}
