package io.harpoon.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback TCP front for the engine's unix socket that, for connections whose request line matches {@code cut},
 * forwards the request and then drops the connection as soon as the engine starts answering: the engine did the
 * work, the caller never hears of it. That is "engine lost mid-create" with real sockets and a real dockerd.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Path socket;
    private volatile Predicate<String> cut = line -> false;
    final AtomicInteger cuts = new AtomicInteger();
    /** While set, every new connection is closed at once (the engine is "gone"). */
    volatile boolean blackout;
    /** While set, requests reach the engine but its answers are withheld (a hung engine or tunnel). */
    volatile boolean hang;
    /** Start a blackout right after the next cut. */
    volatile boolean blackoutAfterCut;

    CuttingProxy(Path socket) throws IOException {
        this.socket = socket;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void cutWhen(Predicate<String> requestLine) {
        this.cut = requestLine;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        if (blackout) {
            try {
                client.setSoLinger(true, 0);
                client.close();
            } catch (IOException e) {
                // closed anyway
            }
            return;
        }
        try (client; SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            engine.connect(UnixDomainSocketAddress.of(socket));
            InputStream in = client.getInputStream();
            OutputStream toEngine = Channels.newOutputStream(engine);
            byte[] first = new byte[8192];
            int n = in.read(first);
            if (n <= 0) {
                return;
            }
            String line = new String(first, 0, n, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            boolean drop = cut.test(line);
            toEngine.write(first, 0, n);
            Thread up = Thread.ofVirtual().start(() -> pump(in, toEngine));
            InputStream fromEngine = Channels.newInputStream(engine);
            if (hang) {
                Thread.sleep(60_000); // hold the connection open, answer nothing
                return;
            }
            if (drop) {
                fromEngine.read(); // the engine has answered: the work is done
                cuts.incrementAndGet();
                if (blackoutAfterCut) {
                    blackout = true;
                }
                client.setSoLinger(true, 0);
                return; // closes both
            }
            pump(fromEngine, client.getOutputStream());
            up.join(1000);
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    private static void pump(InputStream in, OutputStream out) {
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // peer closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
