package io.harpoon.tunnel.crypto;

import static io.harpoon.tunnel.testutil.Hex.bytes;
import static io.harpoon.tunnel.testutil.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.select.Kernels;
import io.harpoon.tunnel.testutil.Golden;
import io.harpoon.tunnel.testutil.Split;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snappy framing vector of spec/frp-wire.md §15, checksums from kernels. */
class SnappyFramingTest {
    // ff 06 00 00 "sNaPpY" stream id | 01 type uncompressed | 09 00 00 length 9 LE |
    // bb 1f 1c 19 masked CRC32C LE | "hello"
    static final byte[] HELLO = Golden.load("snappy/hello.hex");

    @Test
    void checksumComesFromKernelsAndMatchesVector() {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x9a71bb4c, Kernels.defaults().crc32c(hello, 0, 5));
        assertEquals(0x191c1fbb, Kernels.defaults().crc32cMasked(hello, 0, 5));
    }

    @Test
    void encodesHelloExactly() {
        EmbeddedChannel ch = new EmbeddedChannel(new SnappyFramingEncoder());
        ch.writeAndFlush(Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.US_ASCII)));
        ByteBuf b = ch.readOutbound();
        assertEquals(hex(HELLO), ByteBufUtil.hexDump(b));
        b.release();
        assertFalse(ch.finish());
    }

    @Test
    void decodesHelloAtEverySplit() {
        for (int at = 0; at <= HELLO.length; at++) {
            List<Object> out = Split.feed(SnappyFramingDecoder::new, HELLO, at);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (Object o : out) {
                ByteBuf b = (ByteBuf) o;
                got.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            assertEquals("hello", got.toString(StandardCharsets.US_ASCII), "split at " + at);
        }
    }

    @Test
    void c33_wrongChecksumFails() {
        byte[] bad = HELLO.clone();
        bad[14] ^= 1;
        List<Object> out = Split.feed(SnappyFramingDecoder::new, bad, 12);
        assertEquals(1, out.size());
        assertInstanceOf(StreamCodecFailure.class, out.get(0));
    }

    @Test
    void chunkBeforeStreamIdFails() {
        List<Object> out = Split.feed(SnappyFramingDecoder::new, bytes("01090000 bb1f1c19 68656c6c6f"), 0);
        assertInstanceOf(StreamCodecFailure.class, out.get(0));
    }

    @Test
    void largeCompressibleAndRandomDataRoundTrip() {
        byte[] text = "the quick brown fox jumps over the lazy dog. ".repeat(8000).getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[200_000];
        new Random(3).nextBytes(random);
        for (byte[] data : List.of(text, random)) {
            EmbeddedChannel enc = new EmbeddedChannel(new SnappyFramingEncoder());
            enc.writeAndFlush(Unpooled.wrappedBuffer(data));
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (ByteBuf b; (b = enc.readOutbound()) != null; ) {
                wire.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            byte[] w = wire.toByteArray();
            if (data == text) {
                assertTrue(w.length < data.length / 4, "compressed: " + w.length);
                assertEquals(0, w[10], "first data chunk compressed");
            } else {
                assertEquals(1, w[10], "random data stays uncompressed");
            }
            EmbeddedChannel dec = new EmbeddedChannel(new SnappyFramingDecoder());
            for (int i = 0; i < w.length; i += 1000) {
                dec.writeInbound(Unpooled.wrappedBuffer(w, i, Math.min(1000, w.length - i)));
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (Object o; (o = dec.readInbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                got.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            assertArrayEquals(data, got.toByteArray());
            enc.finish();
            dec.finish();
        }
    }
}
