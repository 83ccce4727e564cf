package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.harpoon.exapp.compute.ComputeAvailability;
import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.contract.AuthResult;
import io.harpoon.exapp.contract.Lifecycle;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every request: {@code /heartbeat} without auth, everything else only with a valid AppAPI signature
 * (401 otherwise), then the contract endpoints here and the vector API in {@link VectorApi}.
 *
 * <pre>
 *   GET  /heartbeat                  {"status":"ok"}                       no auth
 *   POST /init                       {}  then progress over OCS           auth
 *   PUT  /enabled?enabled=0|1        {"error":"" or "why", "backend", "device"}   auth
 *   GET  /v1/info                    app, compute choice, every backend   auth
 *   ...  /v1/collections...          see VectorApi                        auth
 * </pre>
 *
 * Logs one line per request (method, path, status) at debug level; never a header, never a query string.
 */
final class ExAppHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ExAppHandler.class);

    private final ExAppContext context;

    ExAppHandler(ExAppContext context) {
        this.context = requireNonNull(context, "context");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            write(ctx, req, Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), true);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        Reply reply;
        if ("/heartbeat".equals(path)) {
            reply = req.method().equals(HttpMethod.GET)
                    ? Reply.ok(Reply.JSON.createObjectNode().put("status", "ok"))
                    : notAllowed(req, path);
        } else if (context.auth().verify(name -> req.headers().get(name)) instanceof AuthResult.Rejected r) {
            reply = Reply.error(HttpResponseStatus.UNAUTHORIZED, r.reason());
        } else {
            try {
                reply = route(req, uri, path);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", req.method(), path, e);
                reply = Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
            }
        }
        LOG.debug("{} {} -> {}", req.method(), path, reply.status().code());
        write(ctx, req, reply, false);
    }

    private Reply route(FullHttpRequest req, QueryStringDecoder uri, String path) {
        HttpMethod m = req.method();
        switch (path) {
            case "/init" -> {
                if (!m.equals(HttpMethod.POST)) {
                    return notAllowed(req, path);
                }
                context.lifecycle().startInit();
                return Reply.ok(Reply.JSON.createObjectNode());
            }
            case "/enabled" -> {
                if (!m.equals(HttpMethod.PUT)) {
                    return notAllowed(req, path);
                }
                List<String> v = uri.parameters().get("enabled");
                String flag = v == null || v.isEmpty() ? "" : v.get(0);
                if (!"0".equals(flag) && !"1".equals(flag)) {
                    return Reply.error(HttpResponseStatus.BAD_REQUEST, "enabled: " + flag + " (expected: 0 or 1)");
                }
                String error = context.lifecycle().setEnabled("1".equals(flag));
                // AppAPI reads only "error"; the backend that serves searches is reported alongside for the admin.
                ComputeAvailability active = context.lifecycle().compute().active();
                return Reply.ok(Reply.JSON.createObjectNode().put("error", error)
                        .put("backend", active.kind().wireName()).put("device", active.device()));
            }
            case "/v1/info" -> {
                return m.equals(HttpMethod.GET) ? Reply.ok(info()) : notAllowed(req, path);
            }
            default -> {
                ByteBuf body = req.content();
                byte[] bytes = new byte[body.readableBytes()];
                body.getBytes(body.readerIndex(), bytes);
                return context.api().route(m, path, bytes)
                        .orElseGet(() -> Reply.error(HttpResponseStatus.NOT_FOUND, "no route: " + m + " " + path));
            }
        }
    }

    private ObjectNode info() {
        ExAppConfig c = context.config();
        Lifecycle life = context.lifecycle();
        ComputeSelection sel = life.compute();
        ObjectNode root = Reply.JSON.createObjectNode();
        root.put("app_id", c.appId()).put("version", c.appVersion()).put("enabled", life.enabled());
        root.putObject("init").put("progress", life.initProgress()).put("error", life.initError());
        ComputeAvailability active = sel.active();
        root.putObject("compute")
                .put("requested_device", sel.requestedDevice())
                .put("requested_backend", sel.requestedBackend())
                .put("backend", active.kind().wireName())
                .put("device", active.device())
                .put("problem", sel.problem());
        ArrayNode backends = root.putArray("backends");
        for (ComputeAvailability a : sel.probed()) {
            backends.addObject().put("name", a.kind().wireName()).put("available", a.available())
                    .put("device", a.device()).put("gpu", a.gpu()).put("cause", a.cause());
        }
        root.put("collections", context.store().list().size());
        return root;
    }

    private static Reply notAllowed(FullHttpRequest req, String path) {
        return Reply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method: " + req.method() + " (not allowed on " + path + ")");
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest req, Reply reply, boolean close) {
        byte[] body;
        try {
            body = Reply.JSON.writeValueAsBytes(reply.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = "{\"error\":\"response encoding failed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(req.protocolVersion(), reply.status(), Unpooled.wrappedBuffer(body));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        boolean keepAlive = !close && HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(resp, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
