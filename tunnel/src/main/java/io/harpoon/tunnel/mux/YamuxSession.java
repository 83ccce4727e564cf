package io.harpoon.tunnel.mux;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yamux session on a transport channel (TCP or TLS), behind a {@link YamuxFrameDecoder}. Owns the stream table and
 * every rule of spec/frp-wire.md §4: SYN/ACK with window deltas, per-stream windows, ping and keepalive, go-away, and
 * protocol errors (GoAway(1), then close). Streams are {@link YamuxStreamChannel}s on the transport's event loop.
 *
 * <p>All state is touched on the transport's event loop only.
 */
public final class YamuxSession extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);
    private static final AttributeKey<YamuxSession> KEY = AttributeKey.valueOf(YamuxSession.class, "session");

    /** Why a session ended, reported to {@link Listener#sessionClosed}. */
    public enum CloseReason { TRANSPORT_CLOSED, PROTOCOL_ERROR, KEEPALIVE_TIMEOUT, REMOTE_GO_AWAY, LOCAL_CLOSE }

    /** Callbacks to the owner of the session. */
    public interface Listener {
        /** A stream the peer opened; its pipeline is {@code streamInitializer}'s. */
        default void streamOpened(YamuxStreamChannel stream) {
        }

        default void streamRefused(int streamId, String reason) {
        }

        default void sessionClosed(YamuxSession session, CloseReason reason, String detail) {
        }
    }

    private final YamuxConfig config;
    private final ChannelHandler streamInitializer;
    private final Listener listener;
    private final Map<Integer, YamuxStreamChannel> streams = new HashMap<>();
    private final Map<Integer, Promise<Long>> pings = new HashMap<>();
    private ChannelHandlerContext ctx;
    private int nextStreamId;
    private int nextPingId;
    private YamuxStreamChannel dataStream;
    private long dataRemaining;
    private boolean remoteGoAway;
    private boolean localGoAway;
    private boolean closed;
    private CloseReason closeReason = CloseReason.TRANSPORT_CLOSED;
    private String closeDetail = "";
    private ScheduledFuture<?> keepAlive;

    public YamuxSession(YamuxConfig config, ChannelHandler streamInitializer, Listener listener) {
        this.config = requireNonNull(config, "config");
        this.streamInitializer = requireNonNull(streamInitializer, "streamInitializer");
        this.listener = listener == null ? new Listener() { } : listener;
        this.nextStreamId = config.client() ? 1 : 2;
    }

    /** The session installed on a transport channel, or null. */
    public static YamuxSession of(Channel transport) {
        return transport.attr(KEY).get();
    }

    public YamuxConfig config() {
        return config;
    }

    public Channel transport() {
        return ctx.channel();
    }

    /** Streams open right now (event loop only; approximate elsewhere). */
    public int streamCount() {
        return streams.size();
    }

    /**
     * Opens a stream: sends WindowUpdate+SYN with this side's window delta and returns the registered stream at once
     * (like Go, data may follow before the peer's ACK). Fails after a go-away or at the stream limit.
     */
    public Future<YamuxStreamChannel> openStream(ChannelHandler initializer) {
        requireNonNull(initializer, "initializer");
        Promise<YamuxStreamChannel> p = ctx.executor().newPromise();
        if (ctx.executor().inEventLoop()) {
            open0(initializer, p);
        } else {
            ctx.executor().execute(() -> open0(initializer, p));
        }
        return p;
    }

    private void open0(ChannelHandler initializer, Promise<YamuxStreamChannel> p) {
        if (closed || !ctx.channel().isActive()) {
            p.setFailure(new IllegalStateException("session closed"));
            return;
        }
        if (remoteGoAway || localGoAway) {
            p.setFailure(new IllegalStateException("session is going away"));
            return;
        }
        if (streams.size() >= config.maxStreams()) {
            p.setFailure(new IllegalStateException("streams: " + streams.size() + " (expected: < "
                    + config.maxStreams() + ")"));
            return;
        }
        int id = nextStreamId;
        nextStreamId += 2;
        YamuxStreamChannel s = new YamuxStreamChannel(this, id, config.maxStreamWindow());
        streams.put(id, s);
        sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, id, config.initialDelta());
        flushTransport();
        s.pipeline().addLast(initializer);
        ctx.channel().eventLoop().register(s).addListener(f -> {
            if (f.isSuccess()) {
                p.setSuccess(s);
            } else {
                p.setFailure(f.cause());
            }
        });
    }

    /** Sends a ping; the future completes with the round trip in nanoseconds, or fails on timeout. */
    public Future<Long> ping() {
        Promise<Long> p = ctx.executor().newPromise();
        ctx.executor().execute(() -> {
            int id = nextPingId++;
            long start = System.nanoTime();
            Promise<Long> inner = ctx.executor().newPromise();
            pings.put(id, inner);
            inner.addListener(f -> {
                if (f.isSuccess()) {
                    p.trySuccess(System.nanoTime() - start);
                } else {
                    p.tryFailure(f.cause());
                }
            });
            ctx.executor().schedule(() -> {
                if (pings.remove(id) != null) {
                    inner.tryFailure(new IllegalStateException("ping timeout"));
                    fail(CloseReason.KEEPALIVE_TIMEOUT, "no ping ACK within " + config.pingTimeout(), false);
                }
            }, config.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
            sendControl(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, id);
            flushTransport();
        });
        return p;
    }

    /** Sends GoAway with {@code code}; 0 stops new streams both ways, others also close the session. */
    public void goAway(int code) {
        ctx.executor().execute(() -> {
            localGoAway = true;
            sendControl(YamuxFrame.TYPE_GO_AWAY, 0, 0, code);
            flushTransport();
            if (code != YamuxFrame.GO_AWAY_NORMAL) {
                closeWith(CloseReason.LOCAL_CLOSE, "go-away " + code);
            }
        });
    }

    /** Closes the transport (streams die with it), like Go's {@code Session.Close}. */
    public void close() {
        ctx.executor().execute(() -> closeWith(CloseReason.LOCAL_CLOSE, "closed"));
    }

    // ---- frame output, event loop only ----

    void sendControl(int type, int flags, int streamId, int length) {
        ctx.write(new YamuxFrame(type, flags, streamId, length).encode(ctx.alloc()), ctx.voidPromise());
    }

    void sendData(int streamId, ByteBuf payload) {
        ctx.write(new YamuxFrame(YamuxFrame.TYPE_DATA, 0, streamId, payload.readableBytes()).encode(ctx.alloc()),
                ctx.voidPromise());
        ctx.write(payload, ctx.voidPromise());
    }

    void flushTransport() {
        ctx.flush();
    }

    void streamClosed(YamuxStreamChannel s) {
        streams.remove(s.streamId(), s);
        if (dataStream == s) {
            dataStream = null;
        }
    }

    // ---- pipeline ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(KEY).set(this);
        long interval = config.keepAliveInterval().toMillis();
        if (interval > 0) {
            keepAlive = ctx.executor().scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case YamuxFrame f -> onFrame(f);
            case ByteBuf piece -> onPayload(piece);
            case YamuxDecodeFailure f -> protocolError("bad frame: " + f);
            default -> {
                ReferenceCountUtil.release(msg);
                protocolError("unexpected message " + msg.getClass().getName());
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        teardown();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeWith(CloseReason.TRANSPORT_CLOSED, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private void onFrame(YamuxFrame f) {
        switch (f.type()) {
            case YamuxFrame.TYPE_DATA, YamuxFrame.TYPE_WINDOW_UPDATE -> onStreamFrame(f);
            case YamuxFrame.TYPE_PING -> onPing(f);
            case YamuxFrame.TYPE_GO_AWAY -> onGoAway(f);
            default -> protocolError("type " + f.type());
        }
    }

    private void onStreamFrame(YamuxFrame f) {
        int id = f.streamId();
        boolean data = f.type() == YamuxFrame.TYPE_DATA;
        long length = Integer.toUnsignedLong(f.length());
        YamuxStreamChannel s = streams.get(id);
        if (f.has(YamuxFrame.FLAG_SYN)) {
            if (s != null) {
                protocolError("SYN for open stream " + id);
                return;
            }
            s = accept(id);
        }
        if (s != null && f.has(YamuxFrame.FLAG_ACK)) {
            // Nothing to do: we never wait for ACKs (data may flow before them).
        }
        if (data) {
            if (s != null && !s.reserve(length)) {
                protocolError("stream " + id + " data " + length + " exceeds receive window " + s.recvWindow());
                return;
            }
            dataStream = s;
            dataRemaining = length;
        } else if (s != null && length > 0) {
            s.onWindowUpdate(length);
        }
        if (s != null) {
            if (f.has(YamuxFrame.FLAG_RST)) {
                s.onReset();
            } else if (f.has(YamuxFrame.FLAG_FIN)) {
                if (data && length > 0) {
                    pendingFin = true;
                } else {
                    s.onFin();
                }
            }
        }
    }

    private boolean pendingFin;

    private void onPayload(ByteBuf piece) {
        YamuxStreamChannel s = dataStream;
        dataRemaining -= piece.readableBytes();
        if (s == null) {
            piece.release(); // Data for a stream that is gone or was refused: discard, as Go does.
        } else {
            s.onData(piece);
        }
        if (dataRemaining == 0) {
            if (pendingFin && s != null) {
                s.onFin();
            }
            pendingFin = false;
            dataStream = null;
        }
    }

    private YamuxStreamChannel accept(int id) {
        if (id == 0) {
            protocolError("SYN on stream 0");
            return null;
        }
        if (localGoAway) {
            refuse(id, "going away");
            return null;
        }
        if (streams.size() >= config.maxStreams()) {
            refuse(id, "streams: " + streams.size() + " (expected: < " + config.maxStreams() + ")");
            return null;
        }
        YamuxStreamChannel s = new YamuxStreamChannel(this, id, config.maxStreamWindow());
        streams.put(id, s);
        sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_ACK, id, config.initialDelta());
        flushTransport();
        s.pipeline().addLast(streamInitializer);
        ctx.channel().eventLoop().register(s);
        listener.streamOpened(s);
        return s;
    }

    private void refuse(int id, String reason) {
        sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0);
        flushTransport();
        listener.streamRefused(id, reason);
    }

    private void onPing(YamuxFrame f) {
        if (f.has(YamuxFrame.FLAG_SYN)) {
            sendControl(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_ACK, 0, f.length());
            flushTransport();
        } else if (f.has(YamuxFrame.FLAG_ACK)) {
            Promise<Long> p = pings.remove(f.length());
            if (p != null) {
                p.trySuccess(0L);
            }
        }
    }

    private void onGoAway(YamuxFrame f) {
        remoteGoAway = true;
        switch (f.length()) {
            case YamuxFrame.GO_AWAY_NORMAL -> LOG.debug("peer {} sent go-away", ctx.channel().remoteAddress());
            case YamuxFrame.GO_AWAY_PROTOCOL_ERROR -> closeWith(CloseReason.REMOTE_GO_AWAY, "peer protocol error");
            case YamuxFrame.GO_AWAY_INTERNAL_ERROR -> closeWith(CloseReason.REMOTE_GO_AWAY, "peer internal error");
            default -> protocolError("go-away code " + Integer.toUnsignedString(f.length()));
        }
    }

    private void protocolError(String detail) {
        fail(CloseReason.PROTOCOL_ERROR, detail, true);
    }

    private void fail(CloseReason reason, String detail, boolean sendGoAway) {
        if (closed) {
            return;
        }
        if (sendGoAway && ctx.channel().isActive()) {
            sendControl(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
            flushTransport();
        }
        closeWith(reason, detail);
    }

    private void closeWith(CloseReason reason, String detail) {
        if (closed) {
            return;
        }
        closeReason = reason;
        closeDetail = detail;
        teardown();
        ctx.close();
    }

    private void teardown() {
        boolean first = !closed;
        closed = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        for (YamuxStreamChannel s : streams.values().toArray(new YamuxStreamChannel[0])) {
            s.onSessionClosed();
        }
        streams.clear();
        pings.values().forEach(p -> p.tryFailure(new IllegalStateException("session closed")));
        pings.clear();
        if (first) {
            listener.sessionClosed(this, closeReason, closeDetail);
        }
    }
}
