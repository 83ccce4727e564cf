package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Java client to server over loopback: plain and mTLS, traffic, encryption/compression, failures, reconnects. */
class EndToEndTest {

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static int awaitProxy(TunnelServer server, String name) throws InterruptedException {
        await(() -> server.proxyPort(name).isPresent(), "proxy " + name);
        return server.proxyPort(name).get();
    }

    static byte[] echoOnce(int port, byte[] data) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(data);
            s.getOutputStream().flush();
            byte[] back = new DataInputStream(s.getInputStream()).readNBytes(data.length);
            return back;
        }
    }

    /** Sends {@code data} through the checksum backend and returns true when its CRC32C comes back. */
    static boolean checksumRoundTrip(int port, byte[] data) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(data.length);
            out.write(data);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            CRC32C crc = new CRC32C();
            crc.update(data);
            return in.readLong() == crc.getValue() && in.readInt() == data.length;
        }
    }

    @Test
    void plainMuxLoginProxyAndEcho() throws Exception {
        try (Backends.Server echo = Backends.echo();
                TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                TunnelClient client = Fixture.client(Fixture.clientConfig(server.localAddress(), false,
                        ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port())))) {
            String runId = client.start().get(10, TimeUnit.SECONDS);
            assertTrue(runId.matches("[0-9a-f]{16}"), runId);
            int port = awaitProxy(server, "app1");
            byte[] hello = "hello through the tunnel".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(hello, echoOnce(port, hello));
            assertEquals(1, server.metrics().clients());
            assertEquals(1, server.metrics().proxies());
        }
    }

    @Test
    void mutualTlsWithMetasTokenAndInProcessStream() throws Exception {
        try (Backends.Server echo = Backends.echo();
                TunnelServer server = Fixture.start(Fixture.harpConfig(true));
                TunnelClient client = Fixture.client(Fixture.clientConfig(server.localAddress(), true,
                        ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port())))) {
            client.start().get(10, TimeUnit.SECONDS);
            int port = awaitProxy(server, "app1");
            byte[] data = new byte[200_000];
            new Random(1).nextBytes(data);
            assertArrayEquals(data, echoOnce(port, data));

            // In-process: no loopback hop.
            Channel ch = server.openStream("app1").get(10, TimeUnit.SECONDS);
            CompletableFuture<String> reply = new CompletableFuture<>();
            StringBuilder sb = new StringBuilder();
            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                    sb.append(msg.toString(StandardCharsets.UTF_8));
                    if (sb.length() >= 4) {
                        reply.complete(sb.toString());
                    }
                }
            });
            ch.config().setAutoRead(true);
            ch.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.UTF_8));
            assertEquals("ping", reply.get(10, TimeUnit.SECONDS));
            ch.close();
            Channel byPort = server.openStream(port).get(10, TimeUnit.SECONDS);
            byPort.close();
            assertThrows(ExecutionException.class, () -> server.openStream("nope").get(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void wrongMetasTokenIsRefused() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(true));
                TunnelClient client = Fixture.client(Fixture.clientConfig(server.localAddress(), true, "wrong")
                        .withLoginFailExit(true))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.start().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("invalid metas.token"), e.getCause().getMessage());
            assertEquals(0, server.metrics().clients());
        }
    }

    @Test
    void hundredConcurrentStreamsOfOneMebibyteOverMutualTlsWithEncryptionAndCompression() throws Exception {
        concurrentChecksums(100, true);
    }

    @Test
    void tenConcurrentStreamsWithoutProxyCodecs() throws Exception {
        concurrentChecksums(10, false);
    }

    void concurrentChecksums(int streams, boolean encAndComp) throws Exception {
        try (Backends.Server backend = Backends.checksum();
                TunnelServer server = Fixture.start(Fixture.harpConfig(true));
                TunnelClient client = Fixture.client(Fixture.clientConfig(server.localAddress(), true,
                        ProxySpec.tcp("app1", 0, "127.0.0.1", backend.port()).withTransport(encAndComp, encAndComp)));
                ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            client.start().get(10, TimeUnit.SECONDS);
            int port = awaitProxy(server, "app1");
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int seed = i;
                results.add(exec.submit(() -> {
                    byte[] data = new byte[1024 * 1024];
                    Random r = new Random(seed);
                    // Half random, half repetitive: exercises both snappy chunk types.
                    r.nextBytes(data);
                    for (int j = data.length / 2; j < data.length; j++) {
                        data[j] = (byte) (j % 7);
                    }
                    return checksumRoundTrip(port, data);
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(120, TimeUnit.SECONDS), "checksum verified");
            }
            await(() -> server.metrics().streams() == 0, "work streams released");
        }
    }

    @Test
    void clientKilledMidTransferLeavesOthersAlone() throws Exception {
        try (Backends.Server echo = Backends.echo();
                Backends.Server slow = new Backends.Server((in, out) -> in.transferTo(OutputStream.nullOutputStream()));
                TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                TunnelClient good = Fixture.client(Fixture.clientConfig(server.localAddress(), false,
                        ProxySpec.tcp("good", 0, "127.0.0.1", echo.port())));
                TunnelClient doomed = Fixture.client(Fixture.clientConfig(server.localAddress(), false,
                        ProxySpec.tcp("doomed", 0, "127.0.0.1", slow.port())))) {
            good.start().get(10, TimeUnit.SECONDS);
            doomed.start().get(10, TimeUnit.SECONDS);
            int goodPort = awaitProxy(server, "good");
            int doomedPort = awaitProxy(server, "doomed");
            try (Socket user = new Socket("127.0.0.1", doomedPort)) {
                user.setSoTimeout(10_000);
                OutputStream out = user.getOutputStream();
                out.write(new byte[256 * 1024]);
                out.flush();
                await(() -> server.metrics().streams() == 1, "transfer in flight");
                doomed.close(); // mid-transfer
                InputStream in = user.getInputStream();
                assertEquals(-1, in.read(), "user connection closed when its client died");
            }
            await(() -> !server.proxyNames().contains("doomed"), "doomed proxy unbound");
            await(() -> server.metrics().clients() == 1, "one client left");
            await(() -> server.metrics().streams() == 0, "streams freed");
            byte[] hi = "still here".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(hi, echoOnce(goodPort, hi));
            assertNull(server.proxyPort("doomed").orElse(null));
        }
    }

    @Test
    void clientReconnectsAfterServerRestartWithSameRunId() throws Exception {
        int bindPort = Fixture.freePort();
        TunnelServerConfig cfg = Fixture.harpConfig(true);
        cfg = cfg.withBind(new InetSocketAddress("127.0.0.1", bindPort));
        try (Backends.Server echo = Backends.echo()) {
            TunnelServer first = Fixture.start(cfg);
            try (TunnelClient client = Fixture.client(Fixture.clientConfig(first.localAddress(), true,
                    ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port())))) {
                String runId = client.start().get(10, TimeUnit.SECONDS);
                awaitProxy(first, "app1");
                first.close();
                await(() -> client.state() != TunnelClient.State.LOGGED_IN, "client noticed the restart");
                try (TunnelServer second = Fixture.start(cfg)) {
                    await(() -> client.logins() == 2, "second login");
                    assertEquals(runId, client.runId());
                    assertEquals(java.util.Set.of(runId), second.runIds());
                    int port = awaitProxy(second, "app1");
                    byte[] hi = "again".getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(hi, echoOnce(port, hi));
                }
            }
        }
    }

    @Test
    void proxyListenerReportsRegistration() throws Exception {
        CompletableFuture<FrpMessage.NewProxyResp> resp = new CompletableFuture<>();
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                TunnelClient client = new TunnelClient(Fixture.clientConfig(server.localAddress(), false,
                        ProxySpec.tcp("x", 0, "127.0.0.1", 9)), null, resp::complete)) {
            client.start().get(10, TimeUnit.SECONDS);
            FrpMessage.NewProxyResp r = resp.get(10, TimeUnit.SECONDS);
            assertEquals("x", r.proxyName());
            assertTrue(r.remoteAddr().startsWith(":"));
            assertFalse(r.remoteAddr().isEmpty());
        }
    }

    @Test
    void unixSocketTargetAndMetrics() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("harpoon-uds");
        java.nio.file.Path sock = dir.resolve("exapp.sock");
        try (java.nio.channels.ServerSocketChannel uds = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            uds.bind(java.net.UnixDomainSocketAddress.of(sock));
            Thread.ofVirtual().start(() -> {
                try (java.nio.channels.SocketChannel c = uds.accept()) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
                    while (c.read(b) > 0) {
                        b.flip();
                        c.write(b);
                        b.clear();
                    }
                } catch (java.io.IOException ignored) {
                    // test over
                }
            });
            io.micrometer.core.instrument.simple.SimpleMeterRegistry reg =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            try (TunnelServer server = new TunnelServer(Fixture.harpConfig(true), null, reg);
                    TunnelClient client = Fixture.client(Fixture.clientConfig(startAndGet(server), true,
                            ProxySpec.unixSocket("app-uds", 0, sock)))) {
                client.start().get(10, TimeUnit.SECONDS);
                int port = awaitProxy(server, "app-uds");
                byte[] hi = "over a unix socket".getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(hi, echoOnce(port, hi));
                assertEquals(1.0, reg.get("harpoon.tunnel.clients").gauge().value());
                assertEquals(1.0, reg.get("harpoon.tunnel.proxies").gauge().value());
                assertTrue(reg.get("harpoon.tunnel.sessions").gauge().value() >= 1.0);
                await(() -> reg.get("harpoon.tunnel.bytes").tag("direction", "to_client").functionCounter()
                        .count() >= hi.length, "bytes counted");
            }
        } finally {
            java.nio.file.Files.deleteIfExists(sock);
        }
    }

    static InetSocketAddress startAndGet(TunnelServer server) throws InterruptedException {
        return server.start();
    }

    @Test
    void closingServerOnSharedLoopsClosesItsConnections() throws Exception {
        io.netty.channel.EventLoopGroup shared = new io.netty.channel.MultiThreadIoEventLoopGroup(2,
                io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            TunnelServer server = new TunnelServer(Fixture.harpConfig(false), null, null, shared);
            server.start();
            try (RawFrpc loggedIn = RawFrpc.plain(server.localAddress(), true);
                    RawFrpc idle = RawFrpc.plain(server.localAddress(), true)) {
                loggedIn.loginAndWarm(null, 1);
                idle.syn(7); // a session without a control
                assertTrue(idle.awaitFrame(f -> f.streamId() == 7));
                server.close();
                assertTrue(loggedIn.closedByServer());
                assertTrue(idle.closedByServer());
            }
        } finally {
            shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void throwingLoginHookRejectsLogin() throws Exception {
        io.harpoon.tunnel.api.LoginHook hook = new io.harpoon.tunnel.api.LoginHook() {
            @Override
            public String check(InetSocketAddress client, FrpMessage.Login login) {
                throw new IllegalStateException("table unavailable");
            }
        };
        try (TunnelServer server = new TunnelServer(Fixture.harpConfig(false), hook, null)) {
            server.start();
            try (RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
                assertEquals("login check failed", c.login(RawFrpc.goodLogin(null, 1)).error());
            }
        }
    }

    @Test
    void proxyListenerSeesBindAndUnbind() throws Exception {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false))) {
            server.addProxyListener(new io.harpoon.tunnel.api.ProxyListener() {
                @Override
                public void proxyBound(String name, int port, String runId) {
                    events.add("bound " + name);
                }

                @Override
                public void proxyUnbound(String name, int port, String runId) {
                    events.add("unbound " + name);
                }
            });
            try (RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
                c.loginAndWarm(null, 1);
                assertNull(c.newProxy("app1", 0).error());
                await(() -> events.size() == 1, "bound");
            }
            await(() -> events.size() == 2, "unbound");
            assertEquals(java.util.List.of("bound app1", "unbound app1"), events);
        }
    }
}
