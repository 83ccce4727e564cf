package io.harpoon.tunnel.crypto;

import static io.harpoon.tunnel.testutil.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.harpoon.kernels.select.Kernels;
import io.harpoon.tunnel.testutil.Golden;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AES-128-CFB vector of spec/frp-wire.md §15 through the stream handlers. */
class CfbHandlersTest {
    static final byte[] KEY = Golden.load("cfb/key.hex");
    static final byte[] IV = Golden.load("cfb/iv.hex");
    // two ReqWorkConn frames: 'r' | int64 length 2 | "{}", twice
    static final byte[] PLAIN = Golden.load("cfb/plain.hex");
    // IV in clear, then CFB128 ciphertext
    static final byte[] WIRE = Golden.load("cfb/wire.hex");

    static byte[] drainOutbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    static byte[] drainInbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    @Test
    void encryptsVectorWithIvAsSeparateFirstWrite() {
        EmbeddedChannel ch = new EmbeddedChannel(new CfbEncryptHandler(Kernels.defaults(), KEY, IV));
        ch.writeAndFlush(Unpooled.wrappedBuffer(PLAIN, 0, 11)); // frames written one at a time, like Go
        ch.writeAndFlush(Unpooled.wrappedBuffer(PLAIN, 11, 11));
        ByteBuf first = ch.readOutbound();
        assertArrayEquals(IV, ByteBufUtil.getBytes(first), "first write is the IV alone");
        first.release();
        byte[] rest = drainOutbound(ch);
        assertEquals(hex(WIRE).substring(32), hex(rest));
        assertFalse(ch.finish());
    }

    @Test
    void c13_decryptsVectorAtEveryTwoWaySplit() {
        for (int at = 0; at <= WIRE.length; at++) {
            EmbeddedChannel ch = new EmbeddedChannel(new CfbDecryptHandler(KEY));
            ch.writeInbound(Unpooled.wrappedBuffer(WIRE, 0, at));
            ch.writeInbound(Unpooled.wrappedBuffer(WIRE, at, WIRE.length - at));
            assertArrayEquals(PLAIN, drainInbound(ch), "split at " + at);
            assertFalse(ch.finish());
        }
    }

    @Test
    void randomIvsDifferAndRoundTrip() {
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        EmbeddedChannel a = new EmbeddedChannel(new CfbEncryptHandler(KEY));
        EmbeddedChannel b = new EmbeddedChannel(new CfbEncryptHandler(KEY));
        a.writeAndFlush(Unpooled.wrappedBuffer(data));
        b.writeAndFlush(Unpooled.wrappedBuffer(data));
        byte[] wa = drainOutbound(a);
        byte[] wb = drainOutbound(b);
        assertNotEquals(hex(wa).substring(0, 32), hex(wb).substring(0, 32), "fresh IV per stream");
        EmbeddedChannel d = new EmbeddedChannel(new CfbDecryptHandler(KEY));
        for (int i = 0; i < wa.length; i += 7777) {
            d.writeInbound(Unpooled.wrappedBuffer(wa, i, Math.min(7777, wa.length - i)));
        }
        assertArrayEquals(data, drainInbound(d));
        a.finish();
        b.finish();
        d.finish();
    }
}
