package io.harpoon.tunnel.client;

import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.crypto.CfbDecryptHandler;
import io.harpoon.tunnel.crypto.CfbEncryptHandler;
import io.harpoon.tunnel.wire.FrpFrameDecoder;
import io.harpoon.tunnel.wire.FrpMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's control stream until LoginResp: sends Login (plaintext), then switches the pipeline to AES-128-CFB in
 * both directions (spec/frp-wire.md §8.1) and registers every proxy.
 */
final class LoginHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    private final TunnelClient client;

    LoginHandler(TunnelClient client) {
        this.client = client;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(client.loginMessage());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrpMessage.LoginResp resp)) {
            LOG.info("frp client: unexpected reply to Login: {}", msg);
            TunnelClient.closeTransport(ctx.channel());
            return;
        }
        if (resp.error() != null && !resp.error().isEmpty()) {
            client.loginRefused(resp.error());
            TunnelClient.closeTransport(ctx.channel());
            return;
        }
        client.loggedIn(resp.runId());
        byte[] key = client.key();
        ChannelPipeline p = ctx.pipeline();
        p.addBefore("frp-decoder", "cfb-encrypt", new CfbEncryptHandler(key));
        p.addAfter("frp-decoder", "cfb-decrypt", new CfbDecryptHandler(key));
        p.addAfter("cfb-decrypt", "frp-control-decoder", new FrpFrameDecoder());
        p.replace("login", "control", new ControlHandler(client));
        p.remove("frp-decoder");
        for (ProxySpec spec : client.proxySpecs()) {
            ctx.channel().writeAndFlush(new FrpMessage.NewProxy(spec.name(), "tcp", spec.useEncryption(),
                    spec.useCompression(), null, null, null, null, null, null, spec.remotePort(), null, null,
                    null, null, null, null, null, null, null, null, null, null));
        }
        client.proxiesSent();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("frp client: control error: {}", cause.toString());
        TunnelClient.closeTransport(ctx.channel());
    }
}
