package io.harpoon.engines.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns one HTTP response arriving on an event loop into a head future plus a blocking {@link InputStream} for the
 * body, read by docker-java on its own (virtual) thread. Flow control: the channel runs with auto-read off and is
 * asked for more only while fewer than {@link #HIGH_WATER} chunks wait, so a slow reader of a streamed pull or log
 * never makes the gateway buffer without bound.
 *
 * <pre>
 *  event loop:  HttpResponse ─► head.complete      HttpContent/ByteBuf ─► queue ─► (below high water) read()
 *  reader:      body.read() ◄── queue.take          (drained below low water, paused) ─► read()
 * </pre>
 *
 * After a {@code 101} the HTTP decoder passes raw {@link ByteBuf}s; they are body bytes too.
 */
final class ResponseReader extends ChannelInboundHandlerAdapter {
    static final int HIGH_WATER = 16;
    private static final Object END = new Object();

    private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final long idleNanos;
    private volatile ChannelHandlerContext ctx;
    private volatile boolean ended;
    /** Set when the reader closed the body: later arrivals are released at once. */
    private volatile boolean abandoned;

    ResponseReader(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    CompletableFuture<HttpResponse> head() {
        return head;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (abandoned) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.decoderResult().isFailure()) {
                fail(new IOException("malformed response from the engine: " + r.decoderResult().cause()));
            } else if (r.status().code() / 100 != 1 || r.status().code() == 101) {
                head.complete(r);
            }
        }
        if (msg instanceof HttpContent c) {
            if (c.decoderResult().isFailure()) {
                fail(new IOException("engine response cut off: " + c.decoderResult().cause().getMessage()));
                c.release();
                return;
            }
            if (c.content().isReadable()) {
                queue.add(c.content().retain());
            }
            if (c instanceof LastHttpContent && head.isDone() && !head.isCompletedExceptionally()
                    && head.join().status().code() != 101) {
                end();
            }
            c.release();
        } else if (msg instanceof ByteBuf b) {
            if (b.isReadable()) {
                queue.add(b);
            } else {
                b.release();
            }
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ended) {
            return;
        }
        if (queue.size() < HIGH_WATER) {
            ctx.read();
        } else {
            paused.set(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (abandoned) {
            drain();
            return;
        }
        if (!head.isDone()) {
            head.completeExceptionally(new EngineUnavailableException(
                    "the engine closed the connection before answering"));
        }
        boolean upgraded = head.isDone() && !head.isCompletedExceptionally()
                && head.join().status().code() == 101;
        if (upgraded) {
            end();
        } else if (!ended) {
            fail(new IOException("the engine closed the connection in the middle of the response"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!head.isDone()) {
            head.completeExceptionally(new EngineUnavailableException("engine stream failed: " + cause, cause));
        }
        fail(cause instanceof IOException io ? io : new IOException("engine stream failed: " + cause, cause));
        ctx.close();
    }

    private void end() {
        if (!ended) {
            ended = true;
            queue.add(END);
        }
    }

    private void fail(IOException e) {
        if (!ended) {
            ended = true;
            queue.add(e);
        }
    }

    /** The body; closing it closes the stream to the engine. */
    InputStream body() {
        return new InputStream() {
            private ByteBuf current;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (current == null || !current.isReadable()) {
                    if (done) {
                        return -1;
                    }
                    if (current != null) {
                        current.release();
                        current = null;
                    }
                    Object next = next();
                    if (next == END) {
                        done = true;
                        return -1;
                    }
                    if (next instanceof IOException e) {
                        done = true;
                        throw e;
                    }
                    current = (ByteBuf) next;
                }
                int n = Math.min(len, current.readableBytes());
                current.readBytes(b, off, n);
                return n;
            }

            private Object next() throws IOException {
                if (queue.size() < HIGH_WATER / 2 && paused.compareAndSet(true, false)) {
                    ChannelHandlerContext c = ctx;
                    c.channel().eventLoop().execute(c::read);
                }
                try {
                    Object o = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
                    if (o == null) {
                        throw new IOException("no data from the engine for "
                                + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s");
                    }
                    return o;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading from the engine");
                }
            }

            @Override
            public void close() {
                done = true;
                abandoned = true;
                if (current != null) {
                    current.release();
                    current = null;
                }
                ChannelHandlerContext c = ctx;
                if (c != null) {
                    c.channel().close();
                }
                drain();
            }
        };
    }

    /** Releases whatever is still queued (after close). */
    void drain() {
        Object o;
        while ((o = queue.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
