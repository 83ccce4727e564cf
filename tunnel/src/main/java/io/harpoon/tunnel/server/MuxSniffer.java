package io.harpoon.tunnel.server;

import io.harpoon.tunnel.mux.YamuxFrameDecoder;
import io.harpoon.tunnel.mux.YamuxSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * After the transport is settled: a yamux header starts with version {@code 0x00}, a plain frp message with its
 * type letter. So one byte tells {@code tcpMux=true} from {@code tcpMux=false} and both are served on one port.
 */
final class MuxSniffer extends ByteToMessageDecoder {
    private final TunnelServer server;

    MuxSniffer(TunnelServer server) {
        this.server = server;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getByte(in.readerIndex()) == 0) {
            ctx.pipeline().addAfter(ctx.name(), "yamux-decoder", new YamuxFrameDecoder());
            ctx.pipeline().addAfter("yamux-decoder", "yamux", new YamuxSession(server.config().yamux(),
                    server.streamInitializer(), server.sessionListener()));
        } else {
            server.installStreamPipeline(ctx.pipeline(), ctx.name(), false);
        }
        ctx.pipeline().remove(this);
    }
}
