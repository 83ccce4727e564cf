package io.harpoon.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guard's state machine over raw bytes, fed whole and split at every offset. */
class RequestGuardTest {
    private static final String VALID = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "5;name=v\r\nworld\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer-A: 1\r\n\r\n"
            + "\r\nGET /d HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void validStreamPassesUnchangedAtEverySplit() {
        byte[] in = VALID.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= in.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new RequestGuard());
            ch.writeInbound(Unpooled.wrappedBuffer(in, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(in, split, in.length - split));
            assertEquals(VALID, drain(ch), "split " + split);
            assertFalse(ch.finish());
        }
    }

    @Test
    void violationStopsAtTheOffendingByteAtEverySplit() {
        String good = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        String bad = "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        byte[] in = (good + bad + "GET /smuggled HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= in.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new RequestGuard());
            ch.writeInbound(Unpooled.wrappedBuffer(in, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(in, split, in.length - split));
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            GuardRejection rejection = null;
            for (Object m; (m = ch.readInbound()) != null; ) {
                if (m instanceof ByteBuf b) {
                    assertTrue(rejection == null, "no bytes after the rejection");
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    passed.writeBytes(bytes);
                    b.release();
                } else {
                    rejection = assertInstanceOf(GuardRejection.class, m);
                }
            }
            assertTrue(rejection != null && rejection.reason().startsWith("invalid chunk size"), "split " + split);
            String p = passed.toString(StandardCharsets.ISO_8859_1);
            assertFalse(p.contains("smuggled"), "split " + split);
            assertTrue((good + bad).startsWith(p), "split " + split + ": " + p);
            assertFalse(ch.finish());
        }
    }

    @Test
    void upgradeRequestHoldsFollowingBytesUntilResumed() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestGuard());
        String up = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        ch.writeInbound(Unpooled.copiedBuffer(up + "GET /next HTTP/1.1\r\n\r\n", StandardCharsets.ISO_8859_1));
        assertEquals(up, drain(ch));
        ch.pipeline().get(RequestGuard.class).resume();
        assertEquals("GET /next HTTP/1.1\r\n\r\n", drain(ch));
        assertFalse(ch.finish());
    }

    @Test
    void removalAfterUpgradeReleasesHeldBytesRaw() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestGuard());
        String up = "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        ch.writeInbound(Unpooled.copiedBuffer(up + "\u0081\u0082raw", StandardCharsets.ISO_8859_1));
        assertEquals(up, drain(ch));
        ch.pipeline().remove(RequestGuard.class);
        assertEquals("\u0081\u0082raw", drain(ch));
        assertFalse(ch.finish());
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (Object m; (m = ch.readInbound()) != null; ) {
            ByteBuf b = assertInstanceOf(ByteBuf.class, m);
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }
}
