package io.harpoon.gateway.http;

import io.harpoon.gateway.routing.ControlPlane;
import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.Responses;
import io.harpoon.gateway.upstream.UpstreamUnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request/response exchange of a {@link FrontendHandler}: a local answer, a control call, or a relay to an
 * upstream. Bodies stream in both directions (never aggregated, except control-plane JSON up to
 * {@link ControlPlane#MAX_BODY}); each side is read only after the other accepted the previous piece.
 * All methods run on the client channel's event loop, which the upstream channel shares.
 */
final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    static final Decision.Respond BAD_GATEWAY = Decision.Respond.text(502, "502 Bad Gateway");
    static final Decision.Respond TOO_LARGE = Decision.Respond.text(413, "413 Request Entity Too Large");

    final HttpRequest request;
    final long start = System.nanoTime();
    boolean requestDone;
    private final FrontendHandler frontend;
    private final Services services;
    private final ChannelHandlerContext ctx;
    private final boolean clientKeepAlive;
    private String app = "unknown";
    // local answers
    private Decision.Respond local;
    private Decision.Control control;
    private boolean internal;
    private ByteArrayOutputStream controlBody;
    // relay
    private Decision.Forward fwd;
    private InetSocketAddress address;
    private Channel upstream;
    private final List<HttpContent> pending = new ArrayList<>();
    /** Bytes decoded right behind a 101, written to the client first once the tunnel is set up. */
    private final List<ByteBuf> early = new ArrayList<>();
    private boolean upgradeRequested;
    private boolean informational;
    private boolean upgrading;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean upstreamKeepAlive;
    private boolean keepAlive;
    private int status;
    private boolean finished;
    private boolean reusedUpstream;
    private boolean bodySent;
    private boolean retried;
    /** The upstream is an in-process FRP stream: never pooled, never retried, its own event loop. */
    private boolean tunnelled;

    Exchange(FrontendHandler frontend, Services services, ChannelHandlerContext ctx, HttpRequest request) {
        this.frontend = frontend;
        this.services = services;
        this.ctx = ctx;
        this.request = request;
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        this.keepAlive = clientKeepAlive;
    }

    boolean responseStarted() {
        return responseStarted;
    }

    boolean upstreamWritable() {
        return upstream != null && upstream.isWritable();
    }

    // ---- request body ----

    void requestContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (fwd != null && !finished) {
            bodySent |= c.content().isReadable();
            if (upstream == null) {
                pending.add(c);
            } else {
                writeUpstream(c);
            }
        } else {
            if (controlBody != null && local == null) {
                ByteBuf b = c.content();
                if (controlBody.size() + b.readableBytes() > ControlPlane.MAX_BODY) {
                    local = TOO_LARGE;
                    keepAlive = false;
                    requestDone = true;
                    c.release();
                    sendLocal();
                    return;
                }
                byte[] chunk = new byte[b.readableBytes()];
                b.readBytes(chunk);
                controlBody.writeBytes(chunk);
            }
            c.release();
        }
        if (last) {
            requestDone = true;
            if (fwd == null) {
                finishLocal();
            } else {
                maybeFinish();
            }
        }
    }

    // ---- local answers ----

    void respondLocally(Decision.Respond r) {
        local = r;
        app = services.router().appTag(request.uri());
        if (!requestDone && HttpUtil.is100ContinueExpected(request)) {
            keepAlive = false; // the client holds its body back for us: answer now and close
            requestDone = true;
        }
        if (requestDone) {
            sendLocal();
        }
    }

    void collectControlBody(Decision.Control c, boolean internal) {
        this.control = c;
        this.internal = internal;
        this.controlBody = new ByteArrayOutputStream();
        this.app = "app_api";
        if (!requestDone && HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void finishLocal() {
        if (local == null && control != null) {
            services.control().handleAsync(control, controlBody.toByteArray(), internal)
                    .thenAccept(r -> ctx.executor().execute(() -> {
                        local = r;
                        if (!finished) {
                            sendLocal();
                        }
                    }));
            return;
        }
        if (local != null && !finished) {
            sendLocal();
        }
    }

    private void sendLocal() {
        finished = true;
        status = local.status();
        boolean ka = keepAlive && requestDone;
        record();
        ctx.writeAndFlush(HttpAdapters.localResponse(local, ka)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                frontend.close();
                return;
            }
            frontend.exchangeDone(ka);
        });
    }

    /** Error answer while relaying (no byte of a response sent yet). */
    private void respondError(Decision.Respond r) {
        releasePending();
        if (upstream != null) {
            upstream.pipeline().get(BackendHandler.class).detach();
            upstream.close();
            upstream = null;
        }
        fwd = null;
        local = r;
        if (!requestDone) {
            keepAlive = false; // the rest of the body would have to be skipped: close instead
            requestDone = true;
        }
        sendLocal();
    }

    // ---- relay ----

    void forward(Decision.Forward f) {
        this.fwd = f;
        this.app = f.appId();
        this.upgradeRequested = HttpAdapters.isUpgrade(request);
        if (f.target().viaTunnel() && services.inProcess().isPresent()) {
            forwardInProcess(f);
            return;
        }
        services.connector().locate(f.target()).whenCompleteAsync((addr, err) -> {
            if (finished || fwd == null) {
                return;
            }
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                int code = cause instanceof UpstreamUnavailableException u ? u.status() : 503;
                LOG.info("upstream for {} unavailable: {}", app, cause.getMessage());
                services.metrics().upstreamError(app, "unavailable");
                respondError(code == 404 ? Responses.NOT_FOUND : Responses.UNAVAILABLE);
                return;
            }
            address = addr;
            services.pools().acquire(ctx.channel().eventLoop(), addr).addListener((ChannelFutureListener) cf -> {
                if (!cf.isSuccess()) {
                    LOG.info("connect to {} for {} failed: {}", addr, app, cf.cause().toString());
                    services.connector().connectFailed(f.target(), addr);
                    services.metrics().upstreamError(app, "connect");
                    if (!finished) {
                        respondError(Responses.UNAVAILABLE);
                    }
                    return;
                }
                connected(cf.channel());
            });
        }, ctx.executor());
    }

    /** FRP-mode target with the built-in FRP server: a stream from it, no loopback listener in between. */
    private void forwardInProcess(Decision.Forward f) {
        services.pools().acquireTunnel(ctx.channel().eventLoop(), f.target().port(), services.inProcess().get())
                .whenCompleteAsync((ch, err) -> {
                    if (err != null) {
                        if (finished || fwd == null) {
                            return;
                        }
                        Throwable cause = err.getCause() != null ? err.getCause() : err;
                        LOG.info("tunnel for {} on port {} unavailable: {}", app, f.target().port(),
                                cause.getMessage());
                        services.metrics().upstreamError(app, "unavailable");
                        respondError(Responses.UNAVAILABLE);
                        return;
                    }
                    tunnelled = true;
                    connected(ch);
                }, ctx.executor());
    }

    private void connected(Channel ch) {
        if (finished || fwd == null || !ctx.channel().isActive()) {
            if (tunnelled) {
                ch.close();
            } else {
                services.pools().release(ch, address);
            }
            return;
        }
        upstream = ch;
        reusedUpstream = Boolean.TRUE.equals(ch.attr(UpstreamPools.REUSED).getAndSet(null));
        ch.pipeline().get(BackendHandler.class).attach(frontend);
        if (tunnelled && !ch.isActive()) { // the FRP client went away between StartWorkConn and now
            upstreamClosed();
            return;
        }
        ch.write(HttpAdapters.upstreamRequest(request, fwd, upgradeRequested));
        ReferenceCountUtil.release(request);
        for (HttpContent c : pending) {
            ch.write(c);
        }
        pending.clear();
        ch.flush();
        ch.read();
        frontend.readClientIfWanted();
    }

    private void writeUpstream(HttpContent c) {
        // the promise notifies on the client's loop even when the upstream (a tunnel stream) has another one
        upstream.writeAndFlush(c, new DefaultChannelPromise(upstream, ctx.executor())).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                frontend.readClientIfWanted();
            } else if (!finished && f.channel() == upstream) {
                services.metrics().upstreamError(app, "reset");
                upstreamClosed();
            }
        });
    }

    void readUpstream() {
        if (upstream != null && !responseDone && !finished && ctx.channel().isWritable()) {
            upstream.read();
        }
    }

    void upstreamRead(Object msg) {
        if (upgrading) { // bytes the codec decoded right after the 101, before the pipelines are swapped
            if (msg instanceof ByteBuf b && b.isReadable()) {
                early.add(b);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse resp) {
            if (resp.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                services.metrics().upstreamError(app, "protocol");
                if (responseStarted) {
                    frontend.close();
                } else {
                    respondError(BAD_GATEWAY);
                }
                return;
            }
            int code = resp.status().code();
            if (code == 101 && upgradeRequested) {
                upgrade(resp);
                return;
            }
            if (code >= 100 && code < 200) {
                informational = true;
                ctx.writeAndFlush(resp).addListener(f -> readUpstream());
                return;
            }
            responseStarted = true;
            status = code;
            if (fwd.bruteforceStatuses().contains(code)) {
                services.bans().recordFailure(fwd.client());
            }
            upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
            keepAlive = HttpAdapters.prepareClientResponse(resp, request, clientKeepAlive);
            if (upgradeRequested) {
                ctx.pipeline().get(RequestGuard.class).resume();
            }
        } else if (informational) {
            // the (empty) end of a 1xx: the client's encoder needs it to accept the final response head
            if (msg instanceof LastHttpContent) {
                informational = false;
            }
            ctx.writeAndFlush(msg).addListener(f -> readUpstream());
            return;
        }
        boolean last = msg instanceof LastHttpContent;
        if (last) {
            responseDone = true;
        }
        ctx.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                frontend.close();
                return;
            }
            if (last) {
                maybeFinish();
            } else {
                readUpstream();
            }
        });
    }

    private void maybeFinish() {
        if (finished || !responseDone || fwd == null) {
            return;
        }
        if (!requestDone) {
            keepAlive = false; // response ended before the upload: the rest cannot be skipped safely
        }
        finished = true;
        record();
        Channel up = upstream;
        upstream = null;
        up.pipeline().get(BackendHandler.class).detach();
        if (upstreamKeepAlive && requestDone && tunnelled) {
            services.pools().releaseTunnel(ctx.channel().eventLoop(), fwd.target().port(), up);
        } else if (upstreamKeepAlive && requestDone) {
            services.pools().release(up, address);
        } else {
            up.close();
        }
        frontend.exchangeDone(keepAlive);
    }

    void upstreamClosed() {
        if (finished) {
            return;
        }
        if (!responseStarted && reusedUpstream && !retried && !bodySent && requestDone && upstream != null) {
            retryOnFreshConnection();
            return;
        }
        if (!responseStarted) {
            services.metrics().upstreamError(app, "reset");
            respondError(BAD_GATEWAY);
        } else {
            services.metrics().upstreamError(app, "truncated");
            finished = true;
            record();
            frontend.close();
        }
    }

    /**
     * A pooled connection died before answering a bodiless request: the server closed it while we reused it
     * (keep-alive race). Nothing was consumed, so the request is sent once more on a new connection.
     */
    private void retryOnFreshConnection() {
        retried = true;
        Channel old = upstream;
        upstream = null;
        old.pipeline().get(BackendHandler.class).detach();
        old.close();
        if (tunnelled) {
            services.pools().openTunnel(ctx.channel().eventLoop(), fwd.target().port(), services.inProcess().get())
                    .whenCompleteAsync((ch, err) -> resend(err == null ? ch : null), ctx.executor());
            return;
        }
        services.pools().connect(ctx.channel().eventLoop(), address).addListener((ChannelFutureListener) cf ->
                resend(cf.isSuccess() ? cf.channel() : null));
    }

    /** Second half of {@link #retryOnFreshConnection}: {@code fresh} is null when it could not be opened. */
    private void resend(Channel fresh) {
        if (finished) {
            if (fresh != null) {
                fresh.close();
            }
            return;
        }
        if (fresh == null) {
            services.metrics().upstreamError(app, "connect");
            respondError(Responses.UNAVAILABLE);
            return;
        }
        upstream = fresh;
        reusedUpstream = false;
        upstream.pipeline().get(BackendHandler.class).attach(frontend);
        upstream.write(HttpAdapters.upstreamRequest(request, fwd, upgradeRequested));
        upstream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        upstream.read();
    }

    void upstreamTimeout() {
        if (finished) {
            return;
        }
        services.metrics().upstreamError(app, "timeout");
        if (!responseStarted) {
            respondError(Responses.GATEWAY_TIMEOUT);
        } else {
            finished = true;
            record();
            frontend.close();
        }
    }

    void clientClosed() {
        releasePending();
        abortUpstream();
    }

    void abortUpstream() {
        if (upstream != null && !upgrading) {
            upstream.pipeline().get(BackendHandler.class).detach();
            upstream.close();
            upstream = null;
        }
        finished = true;
    }

    private void releasePending() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    private void record() {
        services.metrics().request(app, String.valueOf(status == 0 && local != null ? local.status() : status),
                System.nanoTime() - start);
    }

    // ---- protocol upgrade ----

    private void upgrade(HttpResponse resp) {
        upgrading = true;
        responseStarted = true;
        status = 101;
        finished = true;
        record();
        ProtocolSwitch.toTunnel(ctx, upstream, resp, early, services, frontend);
    }
}
