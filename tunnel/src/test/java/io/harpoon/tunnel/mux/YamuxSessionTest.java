package io.harpoon.tunnel.mux;

import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_ACK;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_FIN;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_RST;
import static io.harpoon.tunnel.mux.YamuxFrame.FLAG_SYN;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_DATA;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_GO_AWAY;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_PING;
import static io.harpoon.tunnel.mux.YamuxFrame.TYPE_WINDOW_UPDATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session rules of spec/frp-wire.md §4 against a raw peer (C14–C19 and the yamux cases). */
class YamuxSessionTest {
    static final int DELTA = 0x005c0000;
    static final YamuxConfig SERVER = YamuxConfig.serverDefaults().withKeepAlive(Duration.ZERO, Duration.ofSeconds(10));

    final Map<Integer, ByteArrayOutputStream> received = new HashMap<>();
    final Map<Integer, Channel> streams = new HashMap<>();
    final List<Integer> closed = new ArrayList<>();
    YamuxPeer peer;

    ChannelHandler recorder(Consumer<Channel> onActive) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                int id = ((YamuxStreamChannel) ch).streamId();
                streams.put(id, ch);
                ch.closeFuture().addListener(f -> closed.add(id));
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        if (onActive != null) {
                            onActive.accept(ctx.channel());
                        }
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        received.computeIfAbsent(id, k -> new ByteArrayOutputStream()).writeBytes(bytes);
                    }
                });
            }
        };
    }

    @AfterEach
    void done() {
        if (peer != null) {
            peer.ch.finishAndReleaseAll();
        }
    }

    static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void c14_synAnsweredWithAckAndEarlyDataDelivered() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.sendData(1, 0, seq(20));
        assertEquals(List.of(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_ACK, 1, DELTA)), peer.drain());
        assertArrayEquals(seq(20), received.get(1).toByteArray());
        // SYN carried on a Data frame is accepted the same way.
        peer.sendData(3, FLAG_SYN, seq(5));
        assertEquals(List.of(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_ACK, 3, DELTA)), peer.drain());
        assertArrayEquals(seq(5), received.get(3).toByteArray());
    }

    @Test
    void c15_pingAnsweredWithSameValue() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_PING, FLAG_SYN, 0, 7);
        assertEquals(List.of(new YamuxFrame(TYPE_PING, FLAG_ACK, 0, 7)), peer.drain());
    }

    @Test
    void c16_neverSendsPastPeerWindow() {
        byte[] big = seq(1024 * 1024);
        peer = new YamuxPeer(SERVER, recorder(ch -> ch.writeAndFlush(Unpooled.wrappedBuffer(big))));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, 0); // old client: window stays 256 KiB, never updated
        peer.drain();
        assertEquals(YamuxConfig.INITIAL_STREAM_WINDOW, peer.dataBytes(1), "exactly the initial window");
        assertFalse(streams.get(1).isWritable() && streams.get(1).unsafe().outboundBuffer().totalPendingWriteBytes() == 0);
        // Window exhaustion then update: exactly the delta flows.
        peer.send(TYPE_WINDOW_UPDATE, 0, 1, 100_000);
        peer.drain();
        assertEquals(YamuxConfig.INITIAL_STREAM_WINDOW + 100_000, peer.dataBytes(1));
        peer.send(TYPE_WINDOW_UPDATE, 0, 1, 10_000_000);
        peer.drain();
        assertArrayEquals(big, peer.data.get(1).toByteArray());
        for (YamuxFrame f : peer.frames) {
            if (f.type() == TYPE_DATA) {
                assertTrue(f.length() <= YamuxConfig.DEFAULT_MAX_FRAME_PAYLOAD);
            }
        }
    }

    @Test
    void c17_dataBeyondReceiveWindowKillsSession() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.drain();
        // Our ACK granted 6 MiB; one byte more is an overrun.
        peer.send(TYPE_DATA, 0, 1, YamuxConfig.FRP_MAX_STREAM_WINDOW + 1);
        assertEquals(List.of(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1)), peer.drain());
        assertFalse(peer.ch.isOpen());
        assertTrue(closed.contains(1));
    }

    @Test
    void readRequestedInsideChannelReadIsNotLostWithAutoReadOff() {
        // A relay with AUTO_READ off calls read() from channelRead once it has forwarded a buffer; that request
        // must re-arm delivery even though it arrives while the stream is still delivering.
        peer = new YamuxPeer(SERVER, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                int id = ((YamuxStreamChannel) ch).streamId();
                streams.put(id, ch);
                ch.config().setAutoRead(false);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        received.computeIfAbsent(id, k -> new ByteArrayOutputStream()).writeBytes(bytes);
                        ctx.read();
                    }
                });
            }
        });
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        byte[] a = seq(100);
        byte[] b = seq(200);
        byte[] c = seq(300);
        peer.sendData(1, 0, a);
        peer.sendData(1, 0, b);
        peer.sendData(1, 0, c);
        assertEquals(null, received.get(1), "nothing delivered before the first read()");
        streams.get(1).read();
        peer.ch.runPendingTasks();
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(a);
        want.writeBytes(b);
        want.writeBytes(c);
        assertArrayEquals(want.toByteArray(), received.get(1).toByteArray(), "one read() then reads from channelRead");
        peer.sendData(1, 0, a);
        peer.ch.runPendingTasks();
        assertEquals(600 + 100, received.get(1).size(), "still armed for data arriving later");
    }

    @Test
    void slowReaderHoldsTheWindowAndOverrunIsCaught() {
        peer = new YamuxPeer(SERVER, recorder(ch -> ch.config().setAutoRead(false)));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        byte[] chunk = seq(64 * 1024);
        for (int i = 0; i < 96; i++) { // exactly 6 MiB
            peer.sendData(1, 0, chunk);
        }
        List<YamuxFrame> out = peer.drain();
        assertEquals(1, out.size(), "only the ACK, no WindowUpdate while nobody reads: " + out);
        assertEquals(6L * 1024 * 1024, ((YamuxStreamChannel) streams.get(1)).queuedBytes());
        peer.sendData(1, 0, seq(1));
        assertEquals(List.of(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1)), peer.drain());
        assertFalse(peer.ch.isOpen());
    }

    @Test
    void windowUpdateSentAsDataIsRead() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        byte[] chunk = seq(64 * 1024);
        for (int i = 0; i < 48; i++) { // 3 MiB = half the window
            peer.sendData(1, 0, chunk);
        }
        List<YamuxFrame> out = peer.drain();
        assertEquals(new YamuxFrame(TYPE_WINDOW_UPDATE, 0, 1, 3 * 1024 * 1024), out.get(out.size() - 1));
        assertEquals(3 * 1024 * 1024, received.get(1).size());
    }

    @Test
    void c18_duplicateSynIsProtocolError() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.drain();
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        assertEquals(List.of(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1)), peer.drain());
        assertFalse(peer.ch.isOpen());
    }

    @Test
    void c19_badVersionClosesSession() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}));
        assertEquals(List.of(new YamuxFrame(TYPE_GO_AWAY, 0, 0, 1)), peer.drain());
        assertFalse(peer.ch.isOpen());
    }

    @Test
    void c34_finClosesStreamAndLocalCloseSendsFin() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.sendData(1, FLAG_FIN, seq(10));
        peer.drain();
        assertArrayEquals(seq(10), received.get(1).toByteArray(), "data before FIN is read first");
        assertTrue(closed.contains(1));
        assertTrue(peer.frames.contains(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_FIN, 1, 0)));
        // Local close on another stream sends FIN.
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 3, DELTA);
        streams.get(3).close();
        assertTrue(peer.drain().contains(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_FIN, 3, 0)));
        assertEquals(0, peer.session.streamCount());
    }

    @Test
    void resetClosesAtOnce() {
        peer = new YamuxPeer(SERVER, recorder(ch -> ch.config().setAutoRead(false)));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.sendData(1, 0, seq(10));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_RST, 1, 0);
        peer.drain();
        assertTrue(closed.contains(1));
        assertFalse(peer.frames.contains(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_FIN, 1, 0)), "no FIN after RST");
    }

    @Test
    void goAwayNormalStopsNewStreamsOnly() {
        peer = new YamuxPeer(SERVER, recorder(null));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.send(TYPE_GO_AWAY, 0, 0, 0);
        Future<YamuxStreamChannel> f = peer.session.openStream(recorder(null));
        peer.ch.runPendingTasks();
        assertFalse(f.isSuccess());
        peer.sendData(1, 0, seq(3));
        assertArrayEquals(seq(3), received.get(1).toByteArray());
        assertTrue(peer.ch.isOpen());
        peer.send(TYPE_GO_AWAY, 0, 0, 2);
        assertFalse(peer.ch.isOpen());
    }

    @Test
    void openStreamSendsSynWithDeltaAndEvenIds() {
        peer = new YamuxPeer(SERVER, recorder(null));
        Future<YamuxStreamChannel> f = peer.session.openStream(recorder(null));
        peer.ch.runPendingTasks();
        assertTrue(f.isSuccess());
        assertEquals(2, f.getNow().streamId());
        f.getNow().writeAndFlush(Unpooled.wrappedBuffer(seq(4)));
        assertEquals(List.of(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_SYN, 2, DELTA), new YamuxFrame(TYPE_DATA, 0, 2, 4)),
                peer.drain());
    }

    @Test
    void pingTimeoutClosesSession() {
        YamuxConfig cfg = YamuxConfig.clientDefaults().withKeepAlive(Duration.ofMillis(30), Duration.ofMillis(50));
        peer = new YamuxPeer(cfg, recorder(null));
        peer.ch.advanceTimeBy(30, TimeUnit.MILLISECONDS);
        peer.ch.runScheduledPendingTasks();
        assertEquals(List.of(new YamuxFrame(TYPE_PING, FLAG_SYN, 0, 0)), peer.drain());
        peer.ch.advanceTimeBy(60, TimeUnit.MILLISECONDS);
        peer.ch.runScheduledPendingTasks();
        assertFalse(peer.ch.isOpen(), "no ping ACK: session closed");
    }

    @Test
    void pingAnsweredKeepsSessionAlive() {
        YamuxConfig cfg = YamuxConfig.clientDefaults().withKeepAlive(Duration.ofMillis(30), Duration.ofMillis(50));
        peer = new YamuxPeer(cfg, recorder(null));
        for (int i = 0; i < 3; i++) {
            peer.ch.advanceTimeBy(30, TimeUnit.MILLISECONDS);
            peer.ch.runScheduledPendingTasks();
            peer.drain();
            peer.send(TYPE_PING, FLAG_ACK, 0, i);
        }
        peer.ch.advanceTimeBy(40, TimeUnit.MILLISECONDS);
        peer.ch.runScheduledPendingTasks();
        assertTrue(peer.ch.isOpen());
    }

    @Test
    void tenThousandStreamsBoundedOthersUnaffected() {
        peer = new YamuxPeer(SERVER.withMaxStreams(1000), recorder(null));
        for (int i = 0; i < 10_000; i++) {
            peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 2 * i + 1, DELTA);
        }
        List<YamuxFrame> out = peer.drain();
        long acks = out.stream().filter(f -> f.has(FLAG_ACK)).count();
        long rsts = out.stream().filter(f -> f.has(FLAG_RST)).count();
        assertEquals(1000, acks);
        assertEquals(9000, rsts);
        assertEquals(1000, peer.session.streamCount());
        // A stream accepted earlier still works; a refused one's data is discarded without harm.
        peer.sendData(1, 0, seq(8));
        peer.sendData(19_999, 0, seq(8));
        assertArrayEquals(seq(8), received.get(1).toByteArray());
        assertTrue(peer.ch.isOpen());
        // Closing streams frees slots for new ones.
        streams.get(1).close();
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 20_001, DELTA);
        assertTrue(peer.drain().contains(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_ACK, 20_001, DELTA)));
    }

    @Test
    void halfCloseBothWays() {
        List<Object> events = new ArrayList<>();
        peer = new YamuxPeer(SERVER, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ((YamuxStreamChannel) ch).allowHalfClosure(true);
                streams.put(((YamuxStreamChannel) ch).streamId(), ch);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        events.add("data");
                        ((ByteBuf) msg).release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });
            }
        });
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 1, DELTA);
        peer.sendData(1, FLAG_FIN, seq(4));
        YamuxStreamChannel s = (YamuxStreamChannel) streams.get(1);
        assertEquals(List.of("data", io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE), events);
        assertTrue(s.isOpen(), "still writable after the peer's FIN");
        s.writeAndFlush(Unpooled.wrappedBuffer(seq(6)));
        s.shutdownOutput();
        List<YamuxFrame> out = peer.drain();
        assertTrue(out.contains(new YamuxFrame(TYPE_DATA, 0, 1, 6)));
        assertEquals(new YamuxFrame(TYPE_WINDOW_UPDATE, FLAG_FIN, 1, 0), out.get(out.size() - 1));
        assertFalse(s.isOpen(), "closed once both sides sent FIN");

        // Local FIN first: reading goes on until the peer's FIN.
        peer.send(TYPE_WINDOW_UPDATE, FLAG_SYN, 3, DELTA);
        YamuxStreamChannel t = (YamuxStreamChannel) streams.get(3);
        t.shutdownOutput();
        assertTrue(t.isOpen());
        assertFalse(t.writeAndFlush(Unpooled.wrappedBuffer(seq(1))).isSuccess(), "no writes after FIN");
        peer.sendData(3, 0, seq(2));
        peer.send(TYPE_WINDOW_UPDATE, FLAG_FIN, 3, 0);
        assertFalse(t.isOpen());
        assertEquals(2, events.stream().filter("data"::equals).count());
    }
}
