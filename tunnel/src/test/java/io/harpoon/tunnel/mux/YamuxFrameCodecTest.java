package io.harpoon.tunnel.mux;

import static io.harpoon.tunnel.testutil.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.tunnel.testutil.Golden;
import io.harpoon.tunnel.testutil.Split;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The yamux header vectors of spec/frp-wire.md §15, encoded and decoded at every split. */
class YamuxFrameCodecTest {

    static void golden(String file, YamuxFrame expected) {
        byte[] wire = Golden.load("yamux/" + file + ".hex");
        ByteBuf enc = expected.encode(ByteBufAllocator.DEFAULT);
        assertArrayEquals(wire, ByteBufUtil.getBytes(enc), expected.toString());
        enc.release();
        for (int at = 0; at <= wire.length; at++) {
            assertEquals(List.of(expected), Split.feed(YamuxFrameDecoder::new, wire, at), "split at " + at);
        }
    }

    @Test
    void clientOpensStream1WithFrpWindow() {
        // 00 version | 01 WindowUpdate | 0001 SYN | stream 1 | delta 6029312
        golden("open-frpc", new YamuxFrame(1, YamuxFrame.FLAG_SYN, 1, 6029312));
    }

    @Test
    void frpsStyleAccept() {
        // WindowUpdate | ACK | stream 1 | delta 6029312
        golden("accept-frps", new YamuxFrame(1, YamuxFrame.FLAG_ACK, 1, 6029312));
    }

    @Test
    void oldClientOpen() {
        golden("open-old", new YamuxFrame(1, YamuxFrame.FLAG_SYN, 1, 0));
    }

    @Test
    void halfCloseAndReset() {
        golden("fin", new YamuxFrame(1, YamuxFrame.FLAG_FIN, 3, 0));
        golden("rst", new YamuxFrame(1, YamuxFrame.FLAG_RST, 3, 0));
    }

    @Test
    void pingRequestAndReply() {
        golden("ping-request", new YamuxFrame(2, YamuxFrame.FLAG_SYN, 0, 7));
        golden("ping-reply", new YamuxFrame(2, YamuxFrame.FLAG_ACK, 0, 7));
    }

    @Test
    void goAwayNormalAndProtocolError() {
        golden("go-away-normal", new YamuxFrame(3, 0, 0, 0));
        golden("go-away-protocol", new YamuxFrame(3, 0, 0, 1));
    }

    @Test
    void dataFramePayloadAtEverySplit() {
        // Data | flags 0 | stream 1 | length 20 | 20 payload bytes, then a ping header in the same buffer
        byte[] data = Golden.load("yamux/data-20.hex");
        byte[] ping = Golden.load("yamux/ping-request.hex");
        byte[] wire = java.util.Arrays.copyOf(data, data.length + ping.length);
        System.arraycopy(ping, 0, wire, data.length, ping.length);
        for (int at = 0; at <= wire.length; at++) {
            List<Object> out = Split.feed(YamuxFrameDecoder::new, wire, at);
            List<Object> frames = new ArrayList<>();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            for (Object o : out) {
                if (o instanceof ByteBuf b) {
                    payload.writeBytes(ByteBufUtil.getBytes(b));
                    b.release();
                } else {
                    frames.add(o);
                }
            }
            assertEquals(List.of(new YamuxFrame(0, 0, 1, 20), new YamuxFrame(2, 1, 0, 7)), frames, "split " + at);
            assertArrayEquals(bytes("000102030405060708090a0b0c0d0e0f10111213"), payload.toByteArray());
        }
    }

    @Test
    void c19_badVersionOrTypeIsAFailure() {
        assertEquals(List.of(new YamuxDecodeFailure(YamuxDecodeFailure.Reason.BAD_VERSION, 1)),
                Split.feed(YamuxFrameDecoder::new, bytes("01 00 0000 00000001 00000000"), 3));
        assertEquals(List.of(new YamuxDecodeFailure(YamuxDecodeFailure.Reason.BAD_TYPE, 4)),
                Split.feed(YamuxFrameDecoder::new, bytes("00 04 0000 00000001 00000000 ffff"), 7));
    }
}
