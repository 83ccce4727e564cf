package io.harpoon.tunnel.testutil;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Feeds bytes to a fresh decoder whole and split in two at every offset, collecting what comes out. */
public final class Split {
    private Split() {
    }

    /** Decodes {@code bytes} fed as {@code [0, at)} then {@code [at, n)}; returns the emitted messages. */
    public static List<Object> feed(Supplier<ChannelHandler> decoder, byte[] bytes, int at) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder.get());
        if (at > 0) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, at));
        }
        if (at < bytes.length) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, bytes.length - at));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    /** Releases reference-counted items. */
    public static void release(List<Object> items) {
        items.forEach(ReferenceCountUtil::release);
    }
}
