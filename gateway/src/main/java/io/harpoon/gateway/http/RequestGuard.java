package io.harpoon.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Locale;

/**
 * Byte-level request-smuggling guard in front of the HTTP decoder. It follows HTTP/1.1 message framing on the raw
 * stream (request line, headers, fixed or chunked body, trailers) and passes bytes on unchanged; on the first
 * violation it forwards the bytes before it, emits a {@link GuardRejection} and discards everything after.
 *
 * <pre>
 *  REQUEST_LINE ─► HEADERS ─┬─► BODY_FIXED ──────────────────────────────┐
 *                           ├─► CHUNK_SIZE ─► CHUNK_DATA ─► CHUNK_CRLF ─┐ │
 *                           │      ▲  └(0)─► TRAILERS ──────────────────┼─┤
 *                           │      └────────────────────────────────────┘ │
 *                           ├─► PAUSED (Upgrade: held until resume/removal)│
 *                           └──────────────────────────────────────────────┴─► REQUEST_LINE
 *  any violation ─► REJECTED (discard)
 * </pre>
 *
 * Rejected: request line or header section over the limits, lines not ending in CRLF, obs-fold, header names with
 * whitespace or no colon, Content-Length together with Transfer-Encoding, more than one Content-Length, a
 * non-numeric Content-Length, a Transfer-Encoding whose final coding is not a single {@code chunked}, invalid or
 * oversized chunk-size lines and missing CRLF after chunk data.
 *
 * <table>
 *   <caption>Limits (constructor parameters)</caption>
 *   <tr><td>{@link #DEFAULT_MAX_REQUEST_LINE}</td><td>8 KiB</td></tr>
 *   <tr><td>{@link #DEFAULT_MAX_HEADER_SECTION}</td><td>32 KiB, request line excluded; also bounds trailers</td></tr>
 *   <tr><td>{@link #MAX_CHUNK_LINE}</td><td>4 KiB (size plus extensions)</td></tr>
 * </table>
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    static final int DEFAULT_MAX_REQUEST_LINE = 8192;
    static final int DEFAULT_MAX_HEADER_SECTION = 32768;
    static final int MAX_CHUNK_LINE = 4096;
    /** Largest chunk size accepted: 15 hex digits (under 2^60), so that arithmetic never overflows. */
    static final int MAX_CHUNK_HEX_DIGITS = 15;

    private enum State { REQUEST_LINE, HEADERS, BODY_FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS, PAUSED,
        REJECTED }

    private final int maxRequestLine;
    private final int maxHeaderSection;
    private final StringBuilder line = new StringBuilder();
    private State state = State.REQUEST_LINE;
    private int headerBytes;
    private long remaining;
    private int contentLengths;
    private long contentLength;
    private String transferEncoding;
    private boolean upgrade;
    private CompositeByteBuf held;
    private ChannelHandlerContext ctx;

    RequestGuard(int maxRequestLine, int maxHeaderSection) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSection = maxHeaderSection;
    }

    RequestGuard() {
        this(DEFAULT_MAX_REQUEST_LINE, DEFAULT_MAX_HEADER_SECTION);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            CompositeByteBuf h = held;
            held = null;
            if (h.isReadable()) {
                ctx.fireChannelRead(h);
            } else {
                h.release();
            }
        }
    }

    /** Called by the frontend when an upgrade request was answered without 101: validate held bytes again. */
    void resume() {
        if (state != State.PAUSED) {
            return;
        }
        state = State.REQUEST_LINE;
        if (held != null) {
            CompositeByteBuf h = held;
            held = null;
            process(ctx, h);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        process(ctx, buf);
    }

    private void process(ChannelHandlerContext ctx, ByteBuf buf) {
        if (state == State.REJECTED) {
            buf.release();
            return;
        }
        if (state == State.PAUSED) {
            hold(buf);
            return;
        }
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int i = start;
        String violation = null;
        while (i < end && violation == null) {
            switch (state) {
                case BODY_FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.BODY_FIXED ? State.REQUEST_LINE : State.CHUNK_CRLF;
                    }
                }
                case PAUSED -> {
                    ByteBuf before = buf.retainedSlice(start, i - start);
                    ByteBuf after = buf.retainedSlice(i, end - i);
                    buf.release();
                    ctx.fireChannelRead(before);
                    hold(after);
                    return;
                }
                default -> {
                    byte b = buf.getByte(i++);
                    violation = lineByte(b);
                }
            }
        }
        if (violation == null) {
            ctx.fireChannelRead(buf);
            if (state == State.PAUSED) {
                held = held == null ? ctx.alloc().compositeBuffer() : held;
            }
            return;
        }
        state = State.REJECTED;
        int valid = Math.max(0, i - 1 - start);
        if (valid > 0) {
            ctx.fireChannelRead(buf.retainedSlice(start, valid));
        }
        buf.release();
        ctx.fireChannelRead(new GuardRejection(violation));
    }

    private void hold(ByteBuf buf) {
        if (held == null) {
            held = ctx.alloc().compositeBuffer();
        }
        held.addComponent(true, buf);
    }

    /** One byte of a line-oriented state; returns a violation or {@code null}. */
    private String lineByte(byte b) {
        if (state == State.CHUNK_CRLF) {
            line.append((char) (b & 0xFF));
            if (line.length() == 1 && b != '\r' || line.length() == 2 && b != '\n') {
                return "chunk data not followed by CRLF";
            }
            if (line.length() == 2) {
                line.setLength(0);
                state = State.CHUNK_SIZE;
            }
            return null;
        }
        int limit = switch (state) {
            case REQUEST_LINE -> maxRequestLine;
            case CHUNK_SIZE -> MAX_CHUNK_LINE;
            default -> maxHeaderSection - headerBytes;
        };
        if (b != '\n') {
            if (line.length() >= limit) {
                return switch (state) {
                    case REQUEST_LINE -> "request line longer than " + maxRequestLine + " bytes";
                    case CHUNK_SIZE -> "chunk-size line longer than " + MAX_CHUNK_LINE + " bytes";
                    default -> "header section longer than " + maxHeaderSection + " bytes";
                };
            }
            line.append((char) (b & 0xFF));
            return null;
        }
        int len = line.length();
        if (len == 0 || line.charAt(len - 1) != '\r') {
            return "line not terminated by CRLF";
        }
        String l = line.substring(0, len - 1);
        line.setLength(0);
        if (state == State.HEADERS || state == State.TRAILERS) {
            headerBytes += len + 1;
        }
        return switch (state) {
            case REQUEST_LINE -> requestLine(l);
            case HEADERS -> l.isEmpty() ? endOfHeaders() : headerLine(l, true);
            case TRAILERS -> {
                if (l.isEmpty()) {
                    state = State.REQUEST_LINE;
                    yield null;
                }
                yield headerLine(l, false);
            }
            case CHUNK_SIZE -> chunkSize(l);
            default -> throw new IllegalStateException(state.toString());
        };
    }

    private String requestLine(String l) {
        if (l.isEmpty()) {
            return null; // RFC 9112 §2.2: ignore at least one empty line before a request
        }
        if (l.split(" ", -1).length != 3) {
            return "malformed request line";
        }
        state = State.HEADERS;
        headerBytes = 0;
        contentLengths = 0;
        contentLength = 0;
        transferEncoding = null;
        upgrade = false;
        return null;
    }

    private String headerLine(String l, boolean inHeaders) {
        char first = l.charAt(0);
        if (first == ' ' || first == '\t') {
            return "obsolete line folding";
        }
        int colon = l.indexOf(':');
        if (colon <= 0) {
            return "header line without name and colon";
        }
        String name = l.substring(0, colon);
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return "invalid header name " + name.strip();
            }
        }
        if (!inHeaders) {
            return null;
        }
        String value = l.substring(colon + 1).strip();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "content-length" -> {
                contentLengths++;
                if (!value.matches("\\d{1,18}")) {
                    return "invalid Content-Length " + value;
                }
                contentLength = Long.parseLong(value);
            }
            case "transfer-encoding" ->
                    transferEncoding = transferEncoding == null ? value : transferEncoding + ", " + value;
            case "upgrade" -> upgrade = true;
            default -> { }
        }
        return null;
    }

    private String endOfHeaders() {
        if (contentLengths > 1) {
            return "more than one Content-Length";
        }
        if (transferEncoding != null) {
            if (contentLengths > 0) {
                return "Content-Length together with Transfer-Encoding";
            }
            String[] codings = transferEncoding.toLowerCase(Locale.ROOT).split(",");
            int chunked = 0;
            for (String c : codings) {
                if (c.strip().equals("chunked")) {
                    chunked++;
                }
            }
            if (chunked != 1 || !codings[codings.length - 1].strip().equals("chunked")) {
                return "Transfer-Encoding " + transferEncoding + " (expected: final coding chunked, once)";
            }
            state = State.CHUNK_SIZE;
            return null;
        }
        if (contentLength > 0) {
            remaining = contentLength;
            state = State.BODY_FIXED;
            return null;
        }
        state = upgrade ? State.PAUSED : State.REQUEST_LINE;
        return null;
    }

    private String chunkSize(String l) {
        int semi = l.indexOf(';');
        String size = (semi < 0 ? l : l.substring(0, semi)).stripTrailing();
        if (size.isEmpty() || size.length() > MAX_CHUNK_HEX_DIGITS || !size.matches("[0-9A-Fa-f]+")) {
            return "invalid chunk size " + (size.length() > 32 ? size.substring(0, 32) + "..." : size);
        }
        remaining = Long.parseLong(size, 16);
        if (remaining == 0) {
            state = State.TRAILERS;
            headerBytes = 0;
        } else {
            state = State.CHUNK_DATA;
        }
        return null;
    }
}
