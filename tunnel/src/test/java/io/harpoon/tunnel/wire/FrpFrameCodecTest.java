package io.harpoon.tunnel.wire;

import static io.harpoon.tunnel.testutil.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.harpoon.tunnel.testutil.Golden;
import io.harpoon.tunnel.testutil.Split;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden v1 frames of spec/frp-wire.md §15, encoded byte-exact and decoded whole and split at every offset. */
class FrpFrameCodecTest {
    static final String LOGIN_JSON = "{\"version\":\"0.61.1\",\"hostname\":\"exapp\",\"os\":\"linux\",\"arch\":\"amd64\","
            + "\"privilege_key\":\"24920decf83f6960b80f737a28eeafc1\",\"timestamp\":1700000000,"
            + "\"metas\":{\"token\":\"secret\"},\"client_spec\":{},\"pool_count\":1}";
    static final FrpMessage.Login LOGIN = new FrpMessage.Login("0.61.1", "exapp", "linux", "amd64", null,
            "24920decf83f6960b80f737a28eeafc1", 1700000000L, null, null, Map.of("token", "secret"), null, 1);
    static final String LOGIN_RESP_JSON = "{\"version\":\"0.70.1\",\"run_id\":\"0123456789abcdef\"}";
    static final String START_JSON = "{\"proxy_name\":\"ssh\",\"src_addr\":\"203.0.113.5\",\"dst_addr\":\"127.0.0.1\","
            + "\"src_port\":51234,\"dst_port\":6000}";

    static byte[] frame(String header, String json) {
        byte[] h = bytes(header);
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + j.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(j, 0, out, h.length, j.length);
        return out;
    }

    static void assertEncodes(FrpMessage msg, byte[] expected) {
        assertArrayEquals(expected, FrpFrameEncoder.encode(msg), msg.type().name());
        EmbeddedChannel ch = new EmbeddedChannel(FrpFrameEncoder.INSTANCE);
        ch.writeOutbound(msg);
        ByteBuf b = ch.readOutbound();
        byte[] got = new byte[b.readableBytes()];
        b.readBytes(got);
        b.release();
        assertArrayEquals(expected, got, msg.type().name() + " via pipeline");
        assertFalse(ch.finish());
    }

    static void assertDecodesAtEverySplit(byte[] wire, FrpMessage expected) {
        for (int at = 0; at <= wire.length; at++) {
            List<Object> out = Split.feed(FrpFrameDecoder::new, wire, at);
            assertEquals(List.of(expected), out, "split at " + at);
        }
    }

    @Test
    void reqWorkConn() {
        // 72 = 'r' type byte | 00..02 = int64 length 2 | 7b 7d = "{}"
        byte[] wire = Golden.load("frp-v1/req-work-conn.hex");
        assertEncodes(new FrpMessage.ReqWorkConn(), wire);
        assertDecodesAtEverySplit(wire, new FrpMessage.ReqWorkConn());
    }

    @Test
    void pong() {
        // 34 = '4' type byte | length 2 | "{}"
        byte[] wire = Golden.load("frp-v1/pong.hex");
        assertEncodes(new FrpMessage.Pong(null), wire);
        assertDecodesAtEverySplit(wire, new FrpMessage.Pong(null));
    }

    @Test
    void loginHarpStyle() {
        // 6f = 'o' | 00..c8 = length 200 | JSON in Go field order, client_spec always present
        byte[] wire = Golden.load("frp-v1/login-harp.hex");
        assertArrayEquals(frame("6f 00000000000000c8", LOGIN_JSON), wire);
        assertEquals(200, LOGIN_JSON.length());
        assertEncodes(LOGIN, wire);
        assertDecodesAtEverySplit(wire, LOGIN);
    }

    @Test
    void loginResp() {
        // 31 = '1' | 00..30 = length 48
        byte[] wire = Golden.load("frp-v1/login-resp.hex");
        assertArrayEquals(frame("31 0000000000000030", LOGIN_RESP_JSON), wire);
        FrpMessage m = new FrpMessage.LoginResp("0.70.1", "0123456789abcdef", null);
        assertEncodes(m, wire);
        assertDecodesAtEverySplit(wire, m);
    }

    @Test
    void startWorkConn() {
        // 73 = 's' | 00..65 = length 101
        byte[] wire = Golden.load("frp-v1/start-work-conn.hex");
        assertArrayEquals(frame("73 0000000000000065", START_JSON), wire);
        FrpMessage m = new FrpMessage.StartWorkConn("ssh", "203.0.113.5", "127.0.0.1", 51234, 6000, null);
        assertEncodes(m, wire);
        assertDecodesAtEverySplit(wire, m);
    }

    @Test
    void keysAreCaseInsensitiveAndUnknownKeysIgnored() {
        byte[] json = "{\"Proxy_Name\":\"a\",\"REMOTE_ADDR\":\":1\",\"future\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[9 + json.length];
        wire[0] = '2';
        wire[8] = (byte) json.length;
        System.arraycopy(json, 0, wire, 9, json.length);
        assertDecodesAtEverySplit(wire, new FrpMessage.NewProxyResp("a", ":1", null));
    }

    @Test
    void severalMessagesInOneBuffer() {
        byte[] two = bytes("72 0000000000000002 7b7d 34 0000000000000002 7b7d");
        for (int at = 0; at <= two.length; at++) {
            assertEquals(List.of(new FrpMessage.ReqWorkConn(), new FrpMessage.Pong(null)),
                    Split.feed(FrpFrameDecoder::new, two, at), "split at " + at);
        }
    }

    @Test
    void opaqueMessagesRoundTrip() {
        byte[] wire = frame("75 000000000000000c", "{\"c\":\"AAE=\"}");
        List<Object> out = Split.feed(FrpFrameDecoder::new, wire, 3);
        FrpMessage.UdpPacket p = assertInstanceOf(FrpMessage.UdpPacket.class, out.get(0));
        assertArrayEquals(wire, FrpFrameEncoder.encode(p));
    }

    @Test
    void firstMessageOnlyKeepsTheRest() {
        byte[] wire = bytes("72 0000000000000002 7b7d 0102 03");
        EmbeddedChannel ch = new EmbeddedChannel(FrpFrameDecoder.firstMessageOnly());
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertEquals(new FrpMessage.ReqWorkConn(), ch.readInbound());
        assertNull(ch.readInbound());
        ch.pipeline().removeFirst();
        ByteBuf rest = ch.readInbound();
        assertEquals(Unpooled.wrappedBuffer(bytes("010203")), rest);
        rest.release();
        assertFalse(ch.finish());
    }

    @Test
    void oversizedBodyIsNeverSent() {
        String big = "x".repeat(FrpFrameDecoder.DEFAULT_MAX_LENGTH);
        EmbeddedChannel ch = new EmbeddedChannel(FrpFrameEncoder.INSTANCE);
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> ch.writeOutbound(new FrpMessage.Pong(big)));
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void stringsEscapedLikeGo() {
        // Go's encoding/json escapes <, >, & and U+2028/U+2029 by default.
        byte[] json = FrpJson.write(new FrpMessage.NewProxyResp("a<b>&c\u2028", null, "é"));
        assertEquals("{\"proxy_name\":\"a\\u003cb\\u003e\\u0026c\\u2028\",\"error\":\"é\"}",
                new String(json, StandardCharsets.UTF_8));
    }
}
