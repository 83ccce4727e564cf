package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.tunnel.config.TunnelServerConfig;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.testutil.Hex;
import io.harpoon.tunnel.testutil.LogCapture;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bad input closes that connection with one log line naming the reason; other clients keep working; no log line holds
 * a token, a shared key or a privilege key.
 */
class BadInputTest {
    static final String TOKEN = "tok-12345678";

    /** Runs {@code bad} against a server with a healthy client beside it; returns the captured log. */
    static List<String> isolated(TunnelServerConfig cfg, Consumer<TunnelServer> bad, String reason) throws Exception {
        try (LogCapture log = new LogCapture(); TunnelServer server = Fixture.start(cfg);
                RawFrpc healthy = RawFrpc.plain(server.localAddress(), true)) {
            healthy.loginAndWarm(null, 1);
            bad.accept(server);
            EndToEndTest.await(() -> !log.matching(reason).isEmpty(), "log line: " + reason);
            healthy.sendControl(1, new FrpMessage.Ping(null, 0));
            assertEquals(new FrpMessage.Pong(null), healthy.readControl(1), "the healthy client is unaffected");
            List<String> lines = log.lines();
            assertEquals(1, log.matching(reason).size(), "one line naming the reason: " + lines);
            for (String l : lines) {
                assertFalse(l.contains(Fixture.SHARED_KEY) && !l.contains("sharedKey=set"), "shared key logged: " + l);
                assertFalse(l.contains(TOKEN), "token logged: " + l);
                assertFalse(l.contains("24920decf83f6960b80f737a28eeafc1"), "privilege key logged: " + l);
            }
            return lines;
        }
    }

    static void raw(TunnelServer server, byte[] bytes, boolean expectClose) {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            if (expectClose) {
                assertEquals(-1, s.getInputStream().read());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void garbageFirstBytes() throws Exception {
        isolated(Fixture.harpConfig(false), s -> raw(s, Hex.bytes("deadbeef0102030405060708"), true), "UNKNOWN_TYPE");
    }

    @Test
    void oversizedLength() throws Exception {
        isolated(Fixture.harpConfig(false), s -> raw(s, Hex.bytes("6f 7fffffffffffffff"), true), "LENGTH_TOO_LARGE");
    }

    @Test
    void invalidJson() throws Exception {
        isolated(Fixture.harpConfig(false), s -> raw(s, Hex.bytes("6f 0000000000000003 7b 7b 7b"), true),
                "INVALID_JSON");
    }

    @Test
    void unknownTypeByteOnAStream() throws Exception {
        isolated(Fixture.harpConfig(false), s -> {
            try (RawFrpc c = RawFrpc.plain(s.localAddress(), true)) {
                c.syn(1);
                c.data(1, Hex.bytes("7a 0000000000000002 7b7d"));
                assertTrue(c.awaitFrame(f -> f.streamId() == 1 && f.has(4)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "UNKNOWN_TYPE");
    }

    @Test
    void wrongTokenNeverLogged() throws Exception {
        TunnelServerConfig cfg = Fixture.harpConfig(false).withToken(TOKEN);
        try (LogCapture log = new LogCapture(); TunnelServer server = Fixture.start(cfg);
                RawFrpc good = RawFrpc.plain(server.localAddress(), true);
                RawFrpc bad = RawFrpc.plain(server.localAddress(), true)) {
            long ts = 1700000000L;
            FrpMessage.LoginResp ok = good.login(new FrpMessage.Login("0.61.1", null, "linux", "amd64", null,
                    FrpAuth.privilegeKey(TOKEN, ts), ts, null, null, Map.of("token", Fixture.SHARED_KEY), null, 1));
            assertEquals(null, ok.error());
            FrpMessage.LoginResp no = bad.login(new FrpMessage.Login("0.61.1", null, "linux", "amd64", null,
                    FrpAuth.privilegeKey("wrong-" + TOKEN, ts), ts, null, null, Map.of("token", Fixture.SHARED_KEY),
                    null, 1));
            assertEquals("token in login doesn't match token from configuration", no.error());
            assertTrue(bad.closedByServer());
            EndToEndTest.await(() -> !log.matching("rejected").isEmpty(), "log");
            assertEquals(1, log.matching("rejected").size());
            for (String l : log.lines()) {
                assertFalse(l.contains(TOKEN), "token logged: " + l);
                assertFalse(l.contains(FrpAuth.privilegeKey(TOKEN, ts)), "privilege key logged: " + l);
            }
            assertEquals(1.0, server.metrics().loginFailures("token"));
        }
    }

    @Test
    void missingClientCertificate() throws Exception {
        isolatedTls(TlsFixtures.clientWithoutCertificate(Fixture.certs()), "TLS handshake failed");
    }

    @Test
    void foreignClientCertificate() throws Exception {
        isolatedTls(TlsFixtures.client(TlsFixtures.foreignCerts()), "TLS handshake failed");
    }

    static void isolatedTls(javax.net.ssl.SSLContext ctx, String reason) throws Exception {
        try (LogCapture log = new LogCapture(); TunnelServer server = Fixture.start(Fixture.harpConfig(true));
                RawFrpc healthy = RawFrpc.tls(server.localAddress(), TlsFixtures.client(Fixture.certs()), false,
                        "harp.nc")) {
            healthy.loginAndWarm(null, 1);
            assertTrue(TlsFixtures.refused(server.localAddress(), ctx));
            EndToEndTest.await(() -> !log.matching(reason).isEmpty(), "log line");
            healthy.sendControl(1, new FrpMessage.Ping(null, 0));
            assertEquals(new FrpMessage.Pong(null), healthy.readControl(1));
            assertEquals(1, log.matching(reason).size(), log.lines().toString());
        }
    }

    @Test
    void clientThatNeverReadsStaysBoundedByWindows() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
            String runId = c.loginAndWarm(null, 1);
            FrpMessage.NewProxyResp r = c.newProxy("sink", 0);
            int port = Integer.parseInt(r.remoteAddr().substring(1));
            c.workConn(3, runId);
            long before = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                    + PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory();
            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofVirtual().start(() -> {
                try (Socket user = new Socket("127.0.0.1", port)) {
                    OutputStream out = user.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 1024; i++) { // 64 MiB offered
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            // The emulator never reads its socket from here on: no WindowUpdate, no TCP reads.
            long last = -1;
            for (int i = 0; i < 50 && written.get() != last; i++) {
                last = written.get();
                Thread.sleep(200);
            }
            long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                    + PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory() - before;
            assertTrue(written.get() < 48L * 1024 * 1024, "user writes stall: " + written.get());
            assertTrue(used < 24L * 1024 * 1024, "server buffers bounded by the 6 MiB window: " + used);
            writer.interrupt();
        }
    }
}
