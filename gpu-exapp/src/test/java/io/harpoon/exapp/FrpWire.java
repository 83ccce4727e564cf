package io.harpoon.exapp;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.harpoon.tunnel.server.TunnelServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Raw HTTP exchanges for the FRP tests: through a tunnel stream, a unix socket or a loopback port. */
final class FrpWire {
    static final Duration UP = Duration.ofSeconds(15);
    static final String HEARTBEAT = "GET /heartbeat HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private FrpWire() {
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(UP).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code request} on a stream from {@code openStream(APP_ID)} and reads until the ExApp closes it. */
    static String viaStream(TunnelServer frps, String request) throws Exception {
        Channel ch = frps.openStream(ExAppHarness.APP_ID).get(UP.toSeconds(), TimeUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<String> done = new CompletableFuture<>();
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                ByteBuf b = (ByteBuf) msg;
                try {
                    b.readBytes(out, b.readableBytes());
                } finally {
                    b.release();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                done.complete(out.toString(US_ASCII));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                done.completeExceptionally(cause);
                ctx.close();
            }
        });
        ch.config().setAutoRead(true);
        ch.writeAndFlush(Unpooled.copiedBuffer(request, US_ASCII));
        return done.get(UP.toSeconds(), TimeUnit.SECONDS);
    }

    static String viaSocket(Path socket, String request) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request.getBytes(US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
            return out.toString(US_ASCII);
        }
    }
}
