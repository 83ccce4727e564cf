package io.harpoon.tunnel.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One yamux stream as a Netty {@link io.netty.channel.Channel}, a child of the session's transport channel and on its
 * event loop, so the usual codecs and relays work on it unchanged.
 *
 * <p>Flow control (spec/frp-wire.md §4.3): inbound bytes wait in a queue until the pipeline reads them (auto-read or
 * {@code read()}); only bytes handed to the pipeline are credited back to the peer, in WindowUpdates of at least
 * half the maximum window, so a slow reader stops the peer instead of growing memory. Outbound bytes go out in Data
 * frames no larger than the peer's remaining window; the rest waits in the channel's outbound buffer (which drives
 * {@code isWritable()}) until a WindowUpdate arrives.
 *
 * <p>Closing sends WindowUpdate+FIN; a FIN from the peer closes the channel once queued data is read; RST from either
 * side closes at once.
 */
public final class YamuxStreamChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

    private final YamuxSession session;
    private final int id;
    private final StreamConfig config;
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
    private boolean open = true;
    private boolean readPending;
    /** True while {@link #deliver} runs (it can be re-entered through a read() from a handler). */
    private boolean delivering;
    private boolean finReceived;
    private boolean finSent;
    private boolean resetDone;
    private boolean writeBlocked;
    private boolean allowHalfClosure;
    private boolean inputShutdownFired;
    private long sendWindow = YamuxConfig.INITIAL_STREAM_WINDOW;
    private long recvWindow;
    private long consumed;
    private long queuedBytes;

    YamuxStreamChannel(YamuxSession session, int id, long recvWindow) {
        super(session.transport());
        this.session = session;
        this.id = id;
        this.recvWindow = recvWindow;
        this.config = new StreamConfig(this);
    }

    /** The yamux stream id (odd: opened by the client; even: by the server). */
    public int streamId() {
        return id;
    }

    public YamuxSession session() {
        return session;
    }

    /** Bytes the peer may still send on this stream before a WindowUpdate. */
    long recvWindow() {
        return recvWindow;
    }

    /** Bytes this side may still send before the peer's next WindowUpdate. */
    public long sendWindow() {
        return sendWindow;
    }

    /** Bytes received but not yet read by the pipeline. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /**
     * With half-closure allowed, a FIN from the peer fires {@link ChannelInputShutdownEvent} (after queued data is
     * read) instead of closing; the channel closes once both sides have sent FIN. Default: off (FIN closes, as frp's
     * {@code io.Join} does).
     */
    public YamuxStreamChannel allowHalfClosure(boolean allow) {
        this.allowHalfClosure = allow;
        return this;
    }

    /**
     * Sends WindowUpdate+FIN: no more data from this side; reading continues until the peer's FIN. Writes still
     * waiting for window are failed, so call it once earlier writes have completed.
     */
    public ChannelFuture shutdownOutput() {
        ChannelPromise p = newPromise();
        if (eventLoop().inEventLoop()) {
            shutdownOutput0(p);
        } else {
            eventLoop().execute(() -> shutdownOutput0(p));
        }
        return p;
    }

    private void shutdownOutput0(ChannelPromise p) {
        if (!open) {
            p.setFailure(new ClosedChannelException());
            return;
        }
        if (!finSent) {
            finSent = true;
            session.sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_FIN, id, 0);
            session.flushTransport();
        }
        p.setSuccess();
        if (finReceived && inbound.isEmpty()) {
            unsafe().close(voidPromise());
        }
    }

    /** Aborts the stream: WindowUpdate+RST to the peer, then close. */
    public void reset() {
        if (eventLoop().inEventLoop()) {
            reset0();
        } else {
            eventLoop().execute(this::reset0);
        }
    }

    private void reset0() {
        if (!resetDone && open) {
            resetDone = true;
            session.sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0);
        }
        unsafe().close(voidPromise());
    }

    // ---- called by the session, on the event loop ----

    /** Checks and takes window for an incoming Data frame; false when the peer overran the window. */
    boolean reserve(long length) {
        if (length > recvWindow) {
            return false;
        }
        recvWindow -= length;
        return true;
    }

    void onData(ByteBuf piece) {
        if (!open) {
            piece.release();
            return;
        }
        inbound.add(piece);
        queuedBytes += piece.readableBytes();
        deliver();
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
        if (writeBlocked && sendWindow > 0) {
            writeBlocked = false;
            ((StreamUnsafe) unsafe()).resumeWrites();
        }
    }

    void onFin() {
        finReceived = true;
        deliver();
    }

    void onReset() {
        resetDone = true;
        unsafe().close(voidPromise());
    }

    /** The session died: close without writing anything. */
    void onSessionClosed() {
        resetDone = true;
        if (isRegistered()) {
            unsafe().close(voidPromise());
        } else {
            open = false;
            releaseQueue();
        }
    }

    /**
     * Hands queued data to the pipeline while a read is pending. With auto-read off, the pending read is consumed
     * <em>before</em> {@code channelRead} fires, so a {@code read()} issued inside {@code channelRead} or
     * {@code channelReadComplete} re-arms it (the Netty contract relays rely on); re-entrant calls from
     * {@link #doBeginRead} only set the flag and the running loop picks it up.
     */
    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            deliverQueued();
        } finally {
            delivering = false;
        }
    }

    private void deliverQueued() {
        boolean more;
        do {
            boolean delivered = false;
            while (readPending && open && !inbound.isEmpty()) {
                ByteBuf b = inbound.poll();
                int n = b.readableBytes();
                queuedBytes -= n;
                if (!config.isAutoRead()) {
                    readPending = false;
                }
                delivered = true;
                pipeline().fireChannelRead(b);
                credit(n);
            }
            if (delivered) {
                pipeline().fireChannelReadComplete();
            }
            more = readPending && open && !inbound.isEmpty();
        } while (more);
        if (open && finReceived && inbound.isEmpty()) {
            if (allowHalfClosure && !finSent) {
                if (!inputShutdownFired) {
                    inputShutdownFired = true;
                    pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                }
            } else {
                unsafe().close(voidPromise());
            }
        }
    }

    private void credit(int n) {
        consumed += n;
        long max = session.config().maxStreamWindow();
        if (consumed >= max / 2 && open) {
            long delta = consumed;
            consumed = 0;
            recvWindow += delta;
            session.sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, 0, id, (int) delta);
            session.flushTransport();
        }
    }

    private void releaseQueue() {
        for (ByteBuf b; (b = inbound.poll()) != null; ) {
            b.release();
        }
        queuedBytes = 0;
    }

    // ---- AbstractChannel ----

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return parent().localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return parent().remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("bind on a yamux stream");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        if (!resetDone && !finSent && session.transport().isActive()) {
            finSent = true;
            session.sendControl(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_FIN, id, 0);
            session.flushTransport();
        }
        releaseQueue();
        session.streamClosed(this);
    }

    @Override
    protected void doBeginRead() {
        readPending = true;
        deliver();
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("yamux stream accepts ByteBuf only, got " + msg.getClass().getName());
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        if (finSent) {
            for (Object m; (m = in.current()) != null; ) {
                in.remove(new ClosedChannelException());
            }
            return;
        }
        int max = session.config().maxFramePayload();
        boolean wrote = false;
        for (;;) {
            Object msg = in.current();
            if (msg == null) {
                break;
            }
            ByteBuf buf = (ByteBuf) msg;
            if (!buf.isReadable()) {
                in.remove();
                continue;
            }
            if (sendWindow <= 0) {
                writeBlocked = true;
                break;
            }
            int n = (int) Math.min(Math.min(buf.readableBytes(), sendWindow), max);
            session.sendData(id, buf.readRetainedSlice(n));
            sendWindow -= n;
            wrote = true;
            in.progress(n);
            if (!buf.isReadable()) {
                in.remove();
            }
        }
        if (wrote) {
            session.flushTransport();
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public String toString() {
        return "yamux-stream[" + id + " on " + parent() + "]";
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            promise.setFailure(new UnsupportedOperationException("connect on a yamux stream"));
        }

        void resumeWrites() {
            flush0();
        }
    }

    private static final class StreamConfig extends DefaultChannelConfig {
        private final YamuxStreamChannel ch;

        StreamConfig(YamuxStreamChannel ch) {
            super(ch);
            this.ch = ch;
        }

        @Override
        protected void autoReadCleared() {
            ch.readPending = false;
        }
    }
}
