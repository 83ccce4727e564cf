package io.harpoon.tunnel.bench;

import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.server.TunnelServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Loopback harness (not a unit test, no assertions on speed): bulk throughput of one and of 100 concurrent streams
 * through mTLS + yamux (HaRP mode), and heap per idle logged-in session.
 *
 * <p>How to run (from the repository root, after {@code mvn -q -pl tunnel -am install -DskipTests}):
 * <pre>
 *   mvn -q -pl tunnel exec:java -Dexec.mainClass=io.harpoon.tunnel.bench.TunnelBench -Dexec.args="256 100 200"
 *   # or: java -cp "$(cat cp.txt):tunnel/target/classes" io.harpoon.tunnel.bench.TunnelBench 256 100 200
 * </pre>
 * Arguments: MiB for the single stream (default 256), streams for the parallel run (default 100, 8 MiB each),
 * idle sessions for the heap figure (default 200). Figures go to docs/benchmarks.md with the command.
 */
public final class TunnelBench {
    private TunnelBench() {
    }

    public static void main(String[] args) throws Exception {
        int singleMiB = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int idle = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path certs = Files.createTempDirectory("harpoon-bench").resolve("frp");
        HarpCertificates.ensure(certs, 30);
        SslContext serverTls = TunnelTls.harpServer(certs);
        SslContext clientTls = TunnelTls.harpClient(certs);
        TunnelServerConfig cfg = TunnelServerConfig.harp(new InetSocketAddress("127.0.0.1", 0), "bench", serverTls)
                .withAllowPorts(List.of()).withMaxPortsPerClient(0);
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (ServerSocket sink = sink(); TunnelServer server = new TunnelServer(cfg, null, new SimpleMeterRegistry())) {
            InetSocketAddress addr = server.start();
            TunnelClientConfig cc = TunnelClientConfig.harp(addr, clientTls, "bench",
                    List.of(ProxySpec.tcp("bench", 0, "127.0.0.1", sink.getLocalPort())));
            try (TunnelClient client = new TunnelClient(cc, clientGroup, null)) {
                client.start().get(10, TimeUnit.SECONDS);
                int port = awaitPort(server, "bench");
                run("warm-up", port, 4, 16);
                run("1 stream", port, 1, singleMiB);
                run(streams + " streams", port, streams, 8);
            }
            idleHeap(addr, clientTls, clientGroup, idle, server);
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void run(String label, int port, int streams, int mib) throws Exception {
        long bytes = (long) mib * 1024 * 1024;
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                fs.add(exec.submit(() -> send(port, bytes)));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-12s %4d x %4d MiB  %8.1f MiB/s  (%.2f s)%n", label, streams, mib,
                    total / 1048576.0 / s, s);
        }
    }

    private static long send(int port, long bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeLong(bytes);
            byte[] buf = new byte[64 * 1024];
            for (long left = bytes; left > 0; left -= buf.length) {
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
            out.flush();
            return new DataInputStream(s.getInputStream()).readLong();
        }
    }

    /** Reads a length, swallows that many bytes, answers the count. */
    private static ServerSocket sink() throws IOException {
        ServerSocket ss = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            InputStream in = s.getInputStream();
                            long want = new DataInputStream(in).readLong();
                            long got = 0;
                            byte[] buf = new byte[64 * 1024];
                            for (int n; got < want && (n = in.read(buf)) > 0; ) {
                                got += n;
                            }
                            new DataOutputStream(s.getOutputStream()).writeLong(got);
                        } catch (IOException ignored) {
                            // benchmark client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss;
    }

    private static void idleHeap(InetSocketAddress addr, SslContext tls, EventLoopGroup group, int n,
            TunnelServer server) throws Exception {
        long before = usedHeap();
        List<TunnelClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TunnelClient c = new TunnelClient(TunnelClientConfig.harp(addr, tls, "bench",
                    List.of(ProxySpec.tcp("idle-" + i, 0, "127.0.0.1", 9))), group, null);
            c.start().get(10, TimeUnit.SECONDS);
            clients.add(c);
        }
        awaitPort(server, "idle-" + (n - 1));
        long after = usedHeap();
        System.out.printf("idle heap    %d sessions  %.1f KiB per session (server + client in one JVM, TLS)%n", n,
                (after - before) / 1024.0 / n);
        clients.forEach(TunnelClient::close);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int awaitPort(TunnelServer server, String name) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (server.proxyPort(name).isPresent()) {
                return server.proxyPort(name).get();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("proxy " + name + " not registered");
    }
}
