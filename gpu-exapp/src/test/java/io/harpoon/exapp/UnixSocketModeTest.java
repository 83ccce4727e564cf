package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.testsupport.Requirements;
import io.netty.channel.epoll.Epoll;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HaRP's FRP mode: with HP_SHARED_KEY set the app serves HTTP on a unix socket (mode 0666, stale file replaced)
 * and hands the FRP settings to the {@link TunnelConnector}; {@link FrpTunnelTest} runs the real tunnel client.
 */
class UnixSocketModeTest {
    @TempDir
    Path dir;

    @Test
    void servesOnTheSocketAndStartsTheTunnelSeam() throws Exception {
        Requirements.require("netty native epoll", Epoll.isAvailable(), String.valueOf(Epoll.unavailabilityCause()));
        Path socket = dir.resolve("exapp.sock");
        Files.writeString(socket, "stale"); // a socket file left by a previous run
        Map<String, String> env = new java.util.HashMap<>(ExAppHarness.env(dir.resolve("data"), "CPU", null));
        env.put("APP_PORT", "23005");
        env.put("HP_SHARED_KEY", "the-shared-key");
        env.put("HP_FRP_ADDRESS", "harp.local");
        env.put("HP_FRP_PORT", "8782");
        env.put("HP_EXAPP_SOCK", socket.toString());
        ExAppConfig config = ExAppConfig.fromEnv(env);
        AtomicReference<ExAppConfig.Frp> started = new AtomicReference<>();
        TunnelConnector recording = (c, frp) -> started.set(frp);
        ComputeSelection sel = ComputeSelection.select("CPU", "", List.of(new CpuBackend(false, 1)));
        try (ExAppServer server = ExAppServer.start(config, sel, recording)) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("harp.local", started.get().address());
            assertEquals(8782, started.get().port());
            assertTrue(exchange(socket, "GET /heartbeat HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .endsWith("{\"status\":\"ok\"}"));
            assertTrue(exchange(socket, "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 401"));
        }
        assertFalse(Files.exists(socket), "socket removed at close");
    }

    private static String exchange(Path socket, String request) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
            return out.toString(StandardCharsets.US_ASCII);
        }
    }
}
