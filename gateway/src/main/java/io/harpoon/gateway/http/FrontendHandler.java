package io.harpoon.gateway.http;

import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.ExAppRequest;
import io.harpoon.gateway.routing.Responses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client side of a connection on 8780/8781/8200: one exchange at a time, pipelined requests wait in the inbox.
 * AUTO_READ is off; the client is read only when the current state can take more (backpressure toward uploads).
 *
 * <pre>
 *  IDLE ─head─► DECIDING ─┬─ Drop ─────────► close
 *                         ├─ Respond/Control ► LOCAL ─(body consumed)─► IDLE
 *                         └─ Forward ──────► FORWARDING ─(request and response done)─► IDLE
 *                                                └─ 101 ─► pipeline becomes a {@link RawRelay}
 * </pre>
 *
 * {@code HP_TIMEOUT_CLIENT} applies only while waiting for or reading a request (spec §16 Q14); the response
 * side idles under {@code HP_TIMEOUT_SERVER} (upstream {@code idle} handler).
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);

    /** HAProxy's fixed {@code timeout client-fin} (spec §4.1, PR #115). */
    static final long CLIENT_FIN_TIMEOUT_SECONDS = 30;

    enum State { IDLE, DECIDING, FORWARDING, LOCAL, CLOSED }

    private final Services services;
    private final boolean internal;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private long lastClientRead = System.nanoTime();
    /**
     * True while the gateway itself holds the client back (upstream not writable, or unread messages queued): the
     * client is not idle then, so {@code HP_TIMEOUT_CLIENT} must not count (HAProxy stops its client timer when its
     * buffer is full, too); the clock restarts when reading resumes.
     */
    private boolean heldBack;
    private ScheduledFuture<?> clientTimer;
    private Exchange ex;
    private boolean inputClosed;

    FrontendHandler(Services services, boolean internal) {
        this.services = services;
        this.internal = internal;
    }

    State state() {
        return state;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        scheduleClientTimer(services.clientTimeout().toNanos());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (clientTimer != null) {
            clientTimer.cancel(false);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastClientRead = System.nanoTime();
        if (state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inbox.add(msg);
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readClientIfWanted();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        releaseInbox();
        if (ex != null) {
            ex.clientClosed();
        }
    }

    /**
     * The client sent FIN (half-close, allowed on the listeners): an exchange in progress may still finish its
     * response for {@link #CLIENT_FIN_TIMEOUT_SECONDS} (HAProxy {@code timeout client-fin}); nothing more is read.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            if (state == State.IDLE && inbox.isEmpty()) {
                close();
            } else {
                ctx.executor().schedule(this::close, CLIENT_FIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && ex != null) {
            ex.readUpstream();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        close();
    }

    /** Processes queued messages as far as the state allows. */
    void drain() {
        while (!inbox.isEmpty() && state != State.CLOSED) {
            Object m = inbox.peekFirst();
            if (m instanceof GuardRejection g) {
                inbox.poll();
                rejected(g.reason());
                return;
            }
            if (m instanceof ByteBuf) { // bytes left in a removed codec: only possible while closing
                ReferenceCountUtil.release(inbox.poll());
                continue;
            }
            switch (state) {
                case IDLE -> {
                    inbox.poll();
                    if (m instanceof HttpRequest req) {
                        startExchange(req);
                    } else {
                        ReferenceCountUtil.release(m);
                    }
                }
                case DECIDING -> {
                    return;
                }
                case FORWARDING, LOCAL -> {
                    if (ex.requestDone) {
                        return; // a pipelined request: waits until this exchange ends
                    }
                    inbox.poll();
                    if (((HttpObject) m).decoderResult().isFailure()) {
                        ReferenceCountUtil.release(m);
                        LOG.info("bad request body from {}: {}", ctx.channel().remoteAddress(),
                                ((HttpObject) m).decoderResult().cause().toString());
                        close();
                        return;
                    }
                    ex.requestContent((HttpContent) m);
                }
                default -> {
                    return;
                }
            }
        }
        readClientIfWanted();
    }

    void readClientIfWanted() {
        if (!inbox.isEmpty()) {
            heldBack = true;
            return;
        }
        if (inputClosed || state == State.CLOSED || !ctx.channel().isActive()) {
            return;
        }
        boolean want = switch (state) {
            case IDLE -> true;
            case FORWARDING -> !ex.requestDone && ex.upstreamWritable();
            case LOCAL -> !ex.requestDone;
            default -> false;
        };
        if (want) {
            if (heldBack) {
                heldBack = false;
                lastClientRead = System.nanoTime();
            }
            ctx.read();
        } else if (state == State.FORWARDING && !ex.requestDone) {
            heldBack = true; // the upstream is not taking the body as fast as the client sends it
        }
    }

    private void startExchange(HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            rejected(req.decoderResult().cause().toString());
            ReferenceCountUtil.release(req);
            return;
        }
        state = State.DECIDING;
        ex = new Exchange(this, services, ctx, req);
        ExAppRequest r = HttpAdapters.toExAppRequest(req, ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        (internal ? services.router().decideInternal(r) : services.router().decide(r))
                .whenCompleteAsync((d, err) -> {
                    if (state == State.CLOSED) {
                        return;
                    }
                    if (err != null) {
                        LOG.warn("decision failed for {}: {}", r.path(), err.toString());
                        d = Responses.UNAVAILABLE;
                    }
                    apply(d);
                }, ctx.executor());
    }

    private void apply(Decision d) {
        switch (d) {
            case Decision.Drop drop -> {
                LOG.info("silent drop of {} from {}: {}", ex.request.uri(), ctx.channel().remoteAddress(), drop.reason());
                services.metrics().request(services.router().appTag(ex.request.uri()), "drop",
                        System.nanoTime() - ex.start);
                abort();
                return;
            }
            case Decision.Respond resp -> {
                state = State.LOCAL;
                ex.respondLocally(resp);
            }
            case Decision.Control control -> {
                state = State.LOCAL;
                ex.collectControlBody(control, internal);
            }
            case Decision.Forward fwd -> {
                state = State.FORWARDING;
                ex.forward(fwd);
            }
        }
        drain();
    }

    /** The exchange is complete; continue with the next pipelined request or close. */
    void exchangeDone(boolean keepAlive) {
        ex = null;
        if (!keepAlive) {
            state = State.CLOSED;
            releaseInbox();
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        state = State.IDLE;
        lastClientRead = System.nanoTime();
        if (inputClosed && inbox.isEmpty()) {
            close(); // nothing more can arrive
            return;
        }
        RequestGuard guard = ctx.pipeline().get(RequestGuard.class);
        if (guard != null) {
            guard.resume();
        }
        drain();
    }

    private void rejected(String reason) {
        LOG.info("bad request from {}: {}", ctx.channel().remoteAddress(), reason);
        if (ex != null && ex.responseStarted()) {
            close();
            return;
        }
        if (ex != null) {
            ex.abortUpstream();
        }
        state = State.CLOSED;
        releaseInbox();
        services.metrics().request("unknown", "400", 0);
        ctx.writeAndFlush(HttpAdapters.localResponse(Responses.BAD_REQUEST, false))
                .addListener(ChannelFutureListener.CLOSE);
    }

    void upgraded() {
        state = State.CLOSED; // no more HTTP on this connection
        ex = null;
        releaseInbox();
    }

    /** Silent drop: close without a byte; RST so the client sees it at once (§16 Q15). */
    void abort() {
        state = State.CLOSED;
        releaseInbox();
        if (ctx.channel().isActive()) {
            ctx.channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        }
        ctx.close();
    }

    void close() {
        state = State.CLOSED;
        releaseInbox();
        if (ex != null) {
            ex.abortUpstream();
        }
        ctx.close();
    }

    private void releaseInbox() {
        Object m;
        while ((m = inbox.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }

    private void scheduleClientTimer(long delayNanos) {
        clientTimer = ctx.executor().schedule(this::checkClientTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkClientTimeout() {
        if (state == State.CLOSED) {
            return;
        }
        long timeout = services.clientTimeout().toNanos();
        boolean reading = !heldBack
                && (state == State.IDLE || (ex != null && !ex.requestDone && state != State.DECIDING));
        long idle = System.nanoTime() - lastClientRead;
        if (reading && idle >= timeout) {
            LOG.debug("client timeout on {}", ctx.channel().remoteAddress());
            close();
            return;
        }
        scheduleClientTimer(reading ? timeout - idle : timeout);
    }

    // ---- called by BackendHandler through the exchange ----

    void onUpstreamRead(Object msg) {
        if (ex == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ex.upstreamRead(msg);
    }

    void onUpstreamClosed() {
        if (ex != null) {
            ex.upstreamClosed();
        }
    }

    void onUpstreamTimeout() {
        if (ex != null) {
            ex.upstreamTimeout();
        }
    }
}
