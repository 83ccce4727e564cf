package io.harpoon.benchmarks.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens {@code count} WebSockets through the gateway to {@link BenchUpstream}'s echo, checks a sample echoes, leaves
 * them idle and reads the gateway process's heap after a full GC ({@code jcmd <pid> GC.run}, then
 * {@code GC.heap_info}), before and after. Loopback only.
 *
 * <p>Usage: {@code WebSocketHeap <gatewayPort> <path> <count> <gatewayPid>}; prints one {@code RESULT} line.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><td>{@link #IN_FLIGHT}</td><td>256</td><td>handshakes pending at once (the accept queue stays short)</td></tr>
 *   <tr><td>{@link #SAMPLE}</td><td>100</td><td>sockets that must echo before the measurement</td></tr>
 *   <tr><td>{@link #OPEN_TIMEOUT_S}</td><td>120 s</td><td>for all handshakes together</td></tr>
 * </table>
 */
public final class WebSocketHeap {
    static final int IN_FLIGHT = 256;
    static final int SAMPLE = 100;
    static final long OPEN_TIMEOUT_S = 120;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private WebSocketHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("args: " + args.length
                    + " (expected: <gatewayPort> <path> <count> <gatewayPid>)");
        }
        URI uri = URI.create("ws://127.0.0.1:" + Integer.parseInt(args[0]) + args[1]);
        int count = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);

        long before = heapAfterGc(pid);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        BlockingQueue<String> echoes = new ArrayBlockingQueue<>(SAMPLE);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Channel> channels = new ArrayList<>(count);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(OPEN_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handshakes: stuck at " + open.get() + " open");
            }
            Channel ch = b.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel c) {
                    c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                    WebSocketVersion.V13, null, false, new DefaultHttpHeaders())),
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                            .HANDSHAKE_COMPLETE) {
                                        open.incrementAndGet();
                                        inFlight.release();
                                    } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                            .HANDSHAKE_TIMEOUT) {
                                        failed.incrementAndGet();
                                        inFlight.release();
                                    }
                                    ctx.fireUserEventTriggered(evt);
                                }

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                    echoes.offer(f.text());
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close();
                                }
                            });
                }
            }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
                if (!f.isSuccess()) {
                    failed.incrementAndGet();
                    inFlight.release();
                }
            }).channel();
            channels.add(ch);
        }
        inFlight.tryAcquire(IN_FLIGHT, OPEN_TIMEOUT_S, TimeUnit.SECONDS);
        double openS = (System.nanoTime() - t0) / 1e9;
        if (open.get() != count) {
            throw new IllegalStateException("open: " + open.get() + " of " + count + ", failed " + failed.get()
                    + " (expected: all open; check ulimit -n of every process)");
        }
        for (int i = 0; i < SAMPLE; i++) {
            channels.get(i * (count / SAMPLE)).writeAndFlush(new TextWebSocketFrame("probe-" + i));
        }
        for (int i = 0; i < SAMPLE; i++) {
            if (echoes.poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("echo: " + i + " of " + SAMPLE + " came back (expected: all)");
            }
        }
        long after = heapAfterGc(pid);
        long stillOpen = channels.stream().filter(Channel::isActive).count();
        System.out.printf("RESULT sockets=%d opened_in_s=%.1f heap_before_kib=%d heap_after_kib=%d "
                + "delta_kib=%d per_socket_bytes=%d still_open=%d%n", count, openS, before, after, after - before,
                (after - before) * 1024 / count, stillOpen);
        for (Channel ch : channels) {
            ch.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Used heap of {@code pid} in KiB after two full GCs, parsed from {@code jcmd GC.heap_info}. */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("GC.heap_info: " + info + " (expected: a 'used <n>K' figure)");
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + ": " + out);
        }
        return out;
    }
}
