package io.harpoon.gateway.http;

import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.ExAppRequest;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Netty request/response ↔ gateway records, and the header rewriting of spec §6.2–6.3. */
final class HttpAdapters {
    /** Header names as HaRP's HAProxy sets them toward ExApps. */
    private static final Map<String, String> INJECTED_NAMES = Map.of(
            "authorization-app-api", "AUTHORIZATION-APP-API", "ex-app-id", "EX-APP-ID",
            "ex-app-version", "EX-APP-VERSION", "aa-version", "AA-VERSION", "x-forwarded-for", "X-Forwarded-For");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade");

    private HttpAdapters() {
    }

    static ExAppRequest toExAppRequest(HttpRequest req, InetAddress peer) {
        String uri = req.uri();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> e : req.headers()) {
            headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        return new ExAppRequest(req.method().name(), path, query, headers, peer);
    }

    static boolean isUpgrade(HttpRequest req) {
        return req.headers().contains(HttpHeaderNames.UPGRADE)
                && req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** The request head sent upstream: target path, injected headers, secrets and hop-by-hop headers removed. */
    static HttpRequest upstreamRequest(HttpRequest req, Decision.Forward fwd, boolean upgrade) {
        HttpHeaders out = new DefaultHttpHeaders();
        Set<String> drop = new HashSet<>(fwd.removeHeaders());
        drop.addAll(fwd.setHeaders().keySet());
        if (!upgrade) {
            drop.addAll(HOP_BY_HOP);
            for (String token : req.headers().getAll(HttpHeaderNames.CONNECTION)) {
                for (String t : token.split(",")) {
                    drop.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Map.Entry<String, String> e : req.headers()) {
            if (!drop.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                out.add(e.getKey(), e.getValue());
            }
        }
        fwd.setHeaders().forEach((k, v) -> out.set(INJECTED_NAMES.getOrDefault(k, k), v));
        if (!out.contains(HttpHeaderNames.HOST)) {
            out.set(HttpHeaderNames.HOST, fwd.target().host() + ":" + fwd.target().port());
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, req.method(), fwd.targetUri(), out);
    }

    /**
     * Adapts an upstream response head for the client in place; returns whether the client connection can stay
     * open afterwards.
     */
    static boolean prepareClientResponse(HttpResponse resp, HttpRequest req, boolean clientKeepAlive) {
        HttpHeaders h = resp.headers();
        for (String token : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String t : token.split(",")) {
                String name = t.strip().toLowerCase(Locale.ROOT);
                if (!name.equals("close") && !name.equals("keep-alive")) {
                    h.remove(name);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("proxy-connection");
        boolean keepAlive = clientKeepAlive;
        int code = resp.status().code();
        boolean bodyless = req.method().equals(HttpMethod.HEAD) || code == 204 || code == 304 || code < 200;
        if (!bodyless && !HttpUtil.isContentLengthSet(resp) && !HttpUtil.isTransferEncodingChunked(resp)) {
            if (req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                HttpUtil.setTransferEncodingChunked(resp, true); // body until close upstream → chunked to client
            } else {
                keepAlive = false;
            }
        }
        resp.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return keepAlive;
    }

    static FullHttpResponse localResponse(Decision.Respond r, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        if (r.status() != 204) {
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        if (!keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return resp;
    }
}
