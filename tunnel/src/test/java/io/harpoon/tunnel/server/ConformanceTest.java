package io.harpoon.tunnel.server;

import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_ACK;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_FIN;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_RST;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_SYN;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_GO_AWAY;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_PING;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_WINDOW_UPDATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.tunnel.api.LoginHook;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.mux.YamuxFrame;
import io.harpoon.tunnel.testutil.Hex;
import io.harpoon.tunnel.wire.FrpMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance checklist of spec/frp-wire.md §18, one test per item, against the server in HaRP mode (shared key
 * "secret", empty token, one port per client, loopback proxies) driven by the byte-level {@link RawFrpc}. Items that
 * do not depend on TLS run over plain TCP, which is C38's claim; C1–C6 use mTLS. Timeouts that are 10 s / 90 s in
 * production are shortened here through the configuration.
 */
class ConformanceTest {
    static final Duration SHORT = Duration.ofMillis(600);
    static final Duration LONG = Duration.ofSeconds(10);

    final AtomicInteger hookFailures = new AtomicInteger();
    int portA;
    int portB;
    TunnelServer server;

    TunnelServerConfig config(boolean tls) {
        return Fixture.harpConfig(tls)
                .withAllowPorts(List.of(new PortRange(portA, portA), new PortRange(portB, portB)))
                .withTimeouts(LONG, LONG, LONG);
    }

    TunnelServer start(TunnelServerConfig cfg, LoginHook hook) throws InterruptedException {
        server = new TunnelServer(cfg, hook, new SimpleMeterRegistry());
        server.start();
        return server;
    }

    LoginHook countingHook() {
        return new LoginHook() {
            @Override
            public void failed(InetSocketAddress client, String reason) {
                hookFailures.incrementAndGet();
            }
        };
    }

    @BeforeEach
    void ports() {
        portA = Fixture.freePort();
        do {
            portB = Fixture.freePort();
        } while (portB == portA);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    RawFrpc plain() throws IOException {
        return RawFrpc.plain(server.localAddress(), true);
    }

    static boolean accepts(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        EndToEndTest.await(c, what);
    }

    // ---- C1–C6: transport ----

    @Test
    void c1_tlsMarkerByteIsDroppedBeforeHandshake() throws Exception {
        start(config(true), null);
        try (RawFrpc c = RawFrpc.tls(server.localAddress(), TlsFixtures.client(Fixture.certs()), true, "harp.nc")) {
            assertNull(c.login(RawFrpc.goodLogin(null, 1)).error());
        }
    }

    @Test
    void c2_plainClientHelloIsKept() throws Exception {
        start(config(true), null);
        try (RawFrpc c = RawFrpc.tls(server.localAddress(), TlsFixtures.client(Fixture.certs()), false, "harp.nc")) {
            assertNull(c.login(RawFrpc.goodLogin(null, 1)).error());
        }
    }

    @Test
    void c3_plainByteOnForcedTlsIsClosedSilently() throws Exception {
        start(config(true), null);
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {0, 1, 0, 1, 0, 0, 0, 1});
            assertEquals(-1, s.getInputStream().read(), "closed without a byte written");
        }
    }

    @Test
    void c4_silentConnectionIsClosed() throws Exception {
        start(config(true).withTimeouts(SHORT, LONG, LONG), null);
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - t0 >= SHORT.toNanos() / 2, "closed by the deadline, not at once");
        }
    }

    @Test
    void c5_clientCertificateRequiredAndVerified() throws Exception {
        start(config(true), null);
        assertTrue(TlsFixtures.refused(server.localAddress(), TlsFixtures.clientWithoutCertificate(Fixture.certs())),
                "no client certificate");
        assertTrue(TlsFixtures.refused(server.localAddress(), TlsFixtures.client(TlsFixtures.foreignCerts())),
                "certificate from another CA");
        try (RawFrpc c = RawFrpc.tls(server.localAddress(), TlsFixtures.client(Fixture.certs()), false, "harp.nc")) {
            assertNull(c.login(RawFrpc.goodLogin(null, 1)).error());
        }
    }

    @Test
    void c6_noSniIsAccepted() throws Exception {
        start(config(true), null);
        // An IP literal as host: the JDK, like Go, sends no SNI.
        try (RawFrpc c = RawFrpc.tls(server.localAddress(), TlsFixtures.client(Fixture.certs()), true, "127.0.0.1")) {
            assertNull(c.login(RawFrpc.goodLogin(null, 1)).error());
        }
    }

    // ---- C7–C11: login ----

    @Test
    void c7_wrongMetasTokenRefusedAndCounted() throws Exception {
        start(config(false), countingHook());
        try (RawFrpc c = plain()) {
            FrpMessage.LoginResp r = c.login(RawFrpc.login(null, "nope", 1700000000L,
                    "24920decf83f6960b80f737a28eeafc1", 1));
            assertNotNull(r.error());
            assertFalse(r.error().isEmpty());
            assertTrue(c.closedByServer());
        }
        assertEquals(1, hookFailures.get(), "one brute-force failure for the client IP");
    }

    @Test
    void c8_harpLoginVectorAccepted() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            // The §15 Login frame byte for byte.
            c.data(1, Hex.bytes("6f00000000000000c8"));
            c.data(1, ("{\"version\":\"0.61.1\",\"hostname\":\"exapp\",\"os\":\"linux\",\"arch\":\"amd64\","
                    + "\"privilege_key\":\"24920decf83f6960b80f737a28eeafc1\",\"timestamp\":1700000000,"
                    + "\"metas\":{\"token\":\"secret\"},\"client_spec\":{},\"pool_count\":1}")
                    .getBytes(StandardCharsets.UTF_8));
            FrpMessage.LoginResp r = (FrpMessage.LoginResp) c.readFrp(1);
            assertNull(r.error());
            assertTrue(r.runId().matches("[0-9a-f]{16}"), r.runId());
            assertEquals("0.70.1", r.version());
        }
    }

    @Test
    void c9_wrongPrivilegeKeyRefusedEvenWithGoodMetas() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            FrpMessage.LoginResp r = c.login(RawFrpc.login(null, "secret", 1700000000L,
                    "3d8aac6cc09d79da303be74c311e5808", 1));
            assertFalse(r.error().isEmpty());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c10_runIdKeptAndOldControlReplaced() throws Exception {
        start(config(false), null);
        try (RawFrpc first = plain(); RawFrpc second = plain()) {
            first.loginAndWarm("0123456789abcdef", 1);
            assertNull(first.newProxy("app1", portA).error());
            await(() -> accepts(portA), "app1 bound");
            FrpMessage.LoginResp r = second.login(RawFrpc.goodLogin("0123456789abcdef", 1));
            assertEquals("0123456789abcdef", r.runId());
            assertInstanceOf(FrpMessage.ReqWorkConn.class, second.readControl(1)); // pool_count 1
            // The reconnecting client re-registers at once; the old listener may still be closing.
            assertNull(second.newProxy("app1", portA).error(), "same name and port again");
            assertTrue(first.closedByServer(), "old control closed");
        }
    }

    @Test
    void c11_bannedAddressRefused() throws Exception {
        // The gateway's brute-force table answers through the login hook.
        start(config(false), new LoginHook() {
            @Override
            public String check(InetSocketAddress client, FrpMessage.Login login) {
                return "banned";
            }
        });
        try (RawFrpc c = plain()) {
            assertEquals("banned", c.login(RawFrpc.goodLogin(null, 1)).error());
            assertTrue(c.closedByServer());
        }
    }

    // ---- C12–C22: control channel, yamux, framing ----

    @Test
    void c12_reqWorkConnFollowsIv() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            assertNull(c.login(RawFrpc.goodLogin(null, 7)).error());
            for (int i = 0; i < 5; i++) { // min(pool_count 7, 5)
                assertInstanceOf(FrpMessage.ReqWorkConn.class, c.readControl(1));
            }
            assertEquals(16, c.serverIv.length);
            c.socket.setSoTimeout(300);
            try {
                c.readControl(1);
                throw new AssertionError("a sixth ReqWorkConn");
            } catch (SocketTimeoutException expected) {
                // exactly five
            }
        }
    }

    @Test
    void c14_synAckedPromptlyAndEarlyDataDelivered() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            c.sendFrp(1, RawFrpc.goodLogin(null, 0)); // before any ACK
            assertTrue(c.awaitFrame(f -> f.equals(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_ACK, 1, RawFrpc.DELTA))));
            assertNull(((FrpMessage.LoginResp) c.readFrp(1)).error());
            // SYN on a Data frame.
            c.header(0, FLAG_SYN, 3, 0);
            assertTrue(c.awaitFrame(f -> f.streamId() == 3 && f.has(FLAG_ACK)));
        }
    }

    @Test
    void c15_pingAnsweredWhileIdle() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            c.header(TYPE_PING, FLAG_SYN, 0, 7);
            assertTrue(c.awaitFrame(f -> f.equals(new YamuxFrame(TYPE_PING, FLAG_ACK, 0, 7))));
        }
    }

    @Test
    void c17_windowOverrunClosesWithGoAway() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            c.header(0, 0, 1, 6 * 1024 * 1024 + 1);
            c.data(1, new byte[0]);
            assertTrue(c.awaitFrame(f -> f.equals(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1))));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c18_duplicateSynClosesWithGoAway() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            c.syn(1);
            assertTrue(c.awaitFrame(f -> f.equals(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1))));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c19_badVersionOrTypeCloses() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            c.socket.getOutputStream().write(Hex.bytes("00 07 0000 00000001 00000000"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c20_oversizedOrNegativeLengthCloses() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.syn(1);
            c.data(1, Hex.bytes("6f 0000000000002801"));
            assertTrue(c.awaitFrame(f -> f.streamId() == 1 && (f.has(FLAG_FIN) || f.has(FLAG_RST))),
                    "stream closed");
        }
        try (RawFrpc c = RawFrpc.plain(server.localAddress(), false)) { // no mux: the connection closes
            c.data(0, Hex.bytes("6f ffffffffffffffff"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c21_unknownTypeClosesUnhandledTypeIgnored() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            c.sendControl(1, new FrpMessage.UdpPacket(new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode().put("c", "AAE=")));
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            assertInstanceOf(FrpMessage.Pong.class, c.readControl(1), "control still up after 'u'");
        }
        try (RawFrpc c = RawFrpc.plain(server.localAddress(), false)) {
            c.data(0, Hex.bytes("7a 0000000000000002 7b7d"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void c22_badFirstMessageOrWireV2ClosesOnlyThatStream() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            c.syn(3);
            c.sendFrp(3, new FrpMessage.Ping(null, 0));
            assertTrue(c.awaitFrame(f -> f.streamId() == 3 && (f.has(FLAG_FIN) || f.has(FLAG_RST))));
            c.syn(5);
            c.data(5, Hex.bytes("46 52 50 00 02 0d 0a"));
            assertTrue(c.awaitFrame(f -> f.streamId() == 5 && (f.has(FLAG_FIN) || f.has(FLAG_RST))));
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            assertInstanceOf(FrpMessage.Pong.class, c.readControl(1), "other streams continue");
        }
    }

    // ---- C23–C27: proxies ----

    @Test
    void c23_proxyBoundOnLoopbackOnly() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            FrpMessage.NewProxyResp r = c.newProxy("app1", portA);
            assertEquals(new FrpMessage.NewProxyResp("app1", ":" + portA, null), r);
            assertTrue(accepts(portA));
            for (var addr : TlsFixtures.nonLoopbackAddresses()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(addr, portA), 1000);
                    throw new AssertionError("reachable on " + addr);
                } catch (ConnectException | SocketTimeoutException expected) {
                    // loopback only
                }
            }
        }
    }

    @Test
    void c24_portOutsideAllowListRefused() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            int outside = portA == 65535 ? portA - 1 : portA + 1;
            if (outside == portB) {
                outside = 22;
            }
            FrpMessage.NewProxyResp r = c.newProxy("app1", outside);
            assertFalse(r.error().isEmpty());
            assertTrue(server.proxyNames().isEmpty(), "no listener");
            assertFalse(c.newProxy("app2", 22).error().isEmpty());
        }
    }

    @Test
    void c25_secondProxyOnSameClientRefused() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            assertFalse(c.newProxy("app2", portB).error().isEmpty());
        }
    }

    @Test
    void c26_nameOrPortOfAnotherClientRefused() throws Exception {
        start(config(false), null);
        try (RawFrpc a = plain(); RawFrpc b = plain()) {
            a.loginAndWarm(null, 1);
            b.loginAndWarm(null, 1);
            assertNull(a.newProxy("app1", portA).error());
            assertFalse(b.newProxy("app1", portB).error().isEmpty(), "same name");
            assertEquals("port [" + portA + "] is already used", b.newProxy("other", portA).error(), "same port");
        }
    }

    @Test
    void c27_closeProxyUnbindsWithoutReply() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            c.sendControl(1, new FrpMessage.CloseProxy("app1"));
            long t0 = System.nanoTime();
            await(() -> !accepts(portA), "unbound");
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            // Probing the port above made user connections, which ask for work connections; nothing else may come.
            FrpMessage m;
            while (!((m = c.readControl(1)) instanceof FrpMessage.Pong)) {
                assertInstanceOf(FrpMessage.ReqWorkConn.class, m, "no reply to CloseProxy");
            }
        }
    }

    // ---- C28–C34: work connections ----

    @Test
    void c28_unknownRunIdGetsStartWorkConnError() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.workConn(1, "ffffffffffffffff");
            FrpMessage.StartWorkConn s = (FrpMessage.StartWorkConn) c.readFrp(1);
            assertFalse(s.error().isEmpty());
            assertTrue(c.awaitFrame(f -> f.streamId() == 1 && f.has(FLAG_FIN)));
        }
    }

    @Test
    void c29_userConnectionStartsParkedWorkStream() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            String runId = c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            c.workConn(3, runId);
            try (Socket user = new Socket("127.0.0.1", portA)) {
                FrpMessage.StartWorkConn s = (FrpMessage.StartWorkConn) c.readFrp(3);
                assertEquals("app1", s.proxyName());
                assertEquals("127.0.0.1", s.srcAddr());
                assertEquals(user.getLocalPort(), s.srcPort());
                assertEquals(portA, s.dstPort());
                assertNull(s.error());
                assertInstanceOf(FrpMessage.ReqWorkConn.class, c.readControl(1), "pool replenished");
            }
        }
    }

    @Test
    void c30_noWorkStreamClosesUserAfterTimeout() throws Exception {
        start(config(false).withTimeouts(LONG, SHORT, LONG), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            try (Socket user = new Socket("127.0.0.1", portA)) {
                user.setSoTimeout(5000);
                assertInstanceOf(FrpMessage.ReqWorkConn.class, c.readControl(1));
                assertEquals(-1, user.getInputStream().read(), "closed after userConnTimeout");
            }
        }
    }

    @Test
    void c31_bytesUnchangedBothWays() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            String runId = c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            c.workConn(3, runId);
            try (Socket user = new Socket("127.0.0.1", portA)) {
                user.setSoTimeout(5000);
                c.readFrp(3);
                user.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), c.readStream(3, 18));
                c.data(3, "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII),
                        user.getInputStream().readNBytes(17));
            }
        }
    }

    @Test
    void c32_encryptedWorkStreamsUseFreshIvs() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            String runId = c.loginAndWarm(null, 1);
            assertNull(c.newProxy(FrpMessage.NewProxy.tcp("app1", portA, true, false)).error());
            c.workConn(3, runId);
            c.workConn(5, runId);
            try (Socket u1 = new Socket("127.0.0.1", portA); Socket u2 = new Socket("127.0.0.1", portA)) {
                c.readFrp(3);
                c.readFrp(5);
                u1.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
                u2.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
                byte[] w1 = c.readStream(3, 19);
                byte[] w2 = c.readStream(5, 19);
                assertNotEquals(Hex.hex(w1).substring(0, 32), Hex.hex(w2).substring(0, 32), "fresh IVs");
                byte[] plain1 = java.util.Arrays.copyOfRange(w1, 16, 19);
                io.harpoon.kernels.select.Kernels.defaults().aes128Cfb(io.harpoon.kernels.api.CfbDirection.DECRYPT,
                        new io.harpoon.kernels.api.CfbStream(io.harpoon.tunnel.crypto.FrpAuth.aesKey(""),
                                java.util.Arrays.copyOf(w1, 16)), plain1, 0, 3);
                assertEquals("abc", new String(plain1, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void c33_compressedWorkStreamFramingAndBadChecksum() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            String runId = c.loginAndWarm(null, 1);
            assertNull(c.newProxy(FrpMessage.NewProxy.tcp("app1", portA, false, true)).error());
            c.workConn(3, runId);
            try (Socket user = new Socket("127.0.0.1", portA)) {
                user.setSoTimeout(5000);
                c.readFrp(3);
                user.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ff060000734e61507059" + "01090000bb1f1c1968656c6c6f", Hex.hex(c.readStream(3, 23)));
                c.data(3, Hex.bytes("ff060000734e61507059 01090000 bb1f1c18 68656c6c6f")); // CRC off by one
                assertEquals(-1, user.getInputStream().read(), "bad checksum closes the connection");
            }
        }
    }

    @Test
    void c34_finAndUserCloseAreForwarded() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            String runId = c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
            c.workConn(3, runId);
            c.workConn(5, runId);
            try (Socket user = new Socket("127.0.0.1", portA)) {
                user.setSoTimeout(5000);
                c.readFrp(3);
                c.fin(3);
                assertEquals(-1, user.getInputStream().read(), "client FIN closes the user socket");
            }
            Socket user2 = new Socket("127.0.0.1", portA);
            c.readFrp(5);
            user2.close();
            assertTrue(c.awaitFrame(f -> f.streamId() == 5 && f.has(FLAG_FIN)), "user close sends FIN");
        }
    }

    // ---- C35–C38 ----

    @Test
    void c35_pingGetsEncryptedPong() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            assertEquals(new FrpMessage.Pong(null), c.readControl(1));
        }
    }

    @Test
    void c36_heartbeatRequiredOnlyWithoutMux() throws Exception {
        start(config(false).withTimeouts(LONG, LONG, SHORT), null);
        try (RawFrpc noMux = RawFrpc.plain(server.localAddress(), false); RawFrpc mux = plain()) {
            noMux.sendFrp(0, RawFrpc.goodLogin(null, 0));
            assertNull(((FrpMessage.LoginResp) noMux.readFrp(0)).error());
            mux.loginAndWarm(null, 0);
            assertTrue(noMux.closedByServer(), "no Ping within the heartbeat timeout");
            Thread.sleep(SHORT.toMillis() * 2);
            mux.sendControl(1, new FrpMessage.Ping(null, 0));
            assertEquals(new FrpMessage.Pong(null), mux.readControl(1), "mux control still up");
        }
    }

    @Test
    void c37_portsReleasedWhenControlCloses() throws Exception {
        start(config(false), null);
        try (RawFrpc c = plain()) {
            c.loginAndWarm(null, 1);
            assertNull(c.newProxy("app1", portA).error());
        }
        await(() -> !accepts(portA) && server.proxyNames().isEmpty(), "released");
        try (RawFrpc again = plain()) {
            again.loginAndWarm(null, 1);
            assertNull(again.newProxy("app1", portA).error(), "re-registrable");
        }
    }

    @Test
    void c38_plainClientsWithAndWithoutMux() throws Exception {
        start(config(false), null);
        try (RawFrpc mux = plain(); RawFrpc noMux = RawFrpc.plain(server.localAddress(), false)) {
            assertNull(mux.login(RawFrpc.goodLogin(null, 1)).error()); // first byte 0x00
            noMux.sendFrp(0, RawFrpc.goodLogin(null, 1)); // first byte 'o'
            assertNull(((FrpMessage.LoginResp) noMux.readFrp(0)).error());
        }
    }

    static void drain(InputStream in) throws IOException {
        in.readAllBytes();
    }
}
