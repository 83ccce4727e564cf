package io.harpoon.tunnel.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test harness: a session on an {@link EmbeddedChannel}; the test plays the raw peer by writing header bytes and
 * parsing what the session writes back.
 */
final class YamuxPeer {
    final EmbeddedChannel ch;
    final YamuxSession session;
    final List<YamuxFrame> frames = new ArrayList<>();
    final Map<Integer, ByteArrayOutputStream> data = new HashMap<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    YamuxPeer(YamuxConfig config, ChannelHandler streamInitializer) {
        session = new YamuxSession(config, streamInitializer, null);
        ch = new EmbeddedChannel();
        // Keepalive timers follow advanceTimeBy() only, never the wall clock of a slow machine.
        ch.freezeTime();
        ch.pipeline().addLast(new YamuxFrameDecoder(), session);
    }

    void send(int type, int flags, int id, int length) {
        ch.writeInbound(new YamuxFrame(type, flags, id, length).encode(ch.alloc()));
    }

    void sendData(int id, int flags, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(ByteBufUtilHolder.header(0, flags, id, payload.length));
        b.writeBytes(payload);
        ch.writeInbound(b);
    }

    /** Parses everything the session wrote so far into {@link #frames} and {@link #data}. */
    List<YamuxFrame> drain() {
        ch.runPendingTasks();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            raw.writeBytes(bytes);
        }
        byte[] all = raw.toByteArray();
        int pos = 0;
        List<YamuxFrame> fresh = new ArrayList<>();
        while (all.length - pos >= 12) {
            ByteBuf h = Unpooled.wrappedBuffer(all, pos, 12);
            h.readByte();
            YamuxFrame f = new YamuxFrame(h.readUnsignedByte(), h.readUnsignedShort(), h.readInt(), h.readInt());
            int need = f.type() == 0 ? f.length() : 0;
            if (all.length - pos - 12 < need) {
                break;
            }
            if (need > 0) {
                data.computeIfAbsent(f.streamId(), k -> new ByteArrayOutputStream()).write(all, pos + 12, need);
            }
            pos += 12 + need;
            fresh.add(f);
        }
        raw.reset();
        raw.write(all, pos, all.length - pos);
        frames.addAll(fresh);
        return fresh;
    }

    long dataBytes(int id) {
        ByteArrayOutputStream b = data.get(id);
        return b == null ? 0 : b.size();
    }

    static final class ByteBufUtilHolder {
        static byte[] header(int type, int flags, int id, int length) {
            ByteBuf b = new YamuxFrame(type, flags, id, length).encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
            byte[] out = new byte[12];
            b.readBytes(out);
            b.release();
            return out;
        }
    }
}
