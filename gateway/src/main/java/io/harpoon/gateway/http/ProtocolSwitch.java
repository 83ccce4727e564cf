package io.harpoon.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns an exchange answered with {@code 101 Switching Protocols} into a raw byte tunnel (spec §6.4): once the
 * 101 is written, both pipelines lose their HTTP handlers and get a {@link RawRelay} under
 * {@code HP_TIMEOUT_TUNNEL}; bytes the upstream sent right behind the 101 go first.
 *
 * <pre>
 * client:   [tls] guard codec frontend   ──►  [tls] idle relay
 * upstream: codec idle backend           ──►  idle relay
 * </pre>
 */
final class ProtocolSwitch {
    private ProtocolSwitch() {
    }

    static void toTunnel(ChannelHandlerContext ctx, Channel up, HttpResponse resp, List<ByteBuf> early,
            Services services, FrontendHandler frontend) {
        Channel client = ctx.channel();
        resp.headers().remove("proxy-connection");
        ctx.writeAndFlush(resp).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                up.close();
                early.forEach(ReferenceCountUtil::release);
                return;
            }
            long tunnelMs = services.tunnelTimeout().toMillis();
            services.metrics().webSocketOpened();
            frontend.upgraded();
            ChannelPipeline cp = client.pipeline();
            cp.replace(PipelineNames.FRONTEND, PipelineNames.RELAY,
                    new RawRelay(up, services.metrics()::webSocketClosed));
            cp.addBefore(PipelineNames.RELAY, PipelineNames.IDLE,
                    new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
            ChannelPipeline upp = up.pipeline();
            upp.replace(PipelineNames.BACKEND, PipelineNames.RELAY, new RawRelay(client, () -> { }));
            upp.replace(PipelineNames.IDLE, PipelineNames.IDLE,
                    new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
            upp.remove(PipelineNames.CODEC);
            for (ByteBuf b : early) {
                client.write(b);
            }
            early.clear();
            client.flush();
            cp.remove(PipelineNames.CODEC);
            cp.remove(PipelineNames.GUARD);
            client.read();
            up.read();
        });
    }
}
