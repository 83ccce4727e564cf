package io.harpoon.engines.transport;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.transport.DockerHttpClient;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * docker-java's transport SPI on Netty's HTTP/1.1 codec over any {@link StreamDialer}: the same client reaches the
 * local socket and an engine behind an FRP tunnel stream. One stream per request (no keep-alive): engine calls are
 * rare next to their own latency, and a fresh stream never inherits a half-read response.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><td>connect</td><td>{@code connectTimeout}: dial plus tunnel stream set-up</td></tr>
 *   <tr><td>response head</td><td>{@code responseTimeout} after the request is written ({@link
 *       EngineTimeoutException})</td></tr>
 *   <tr><td>body idle</td><td>{@code responseTimeout} between two body chunks (an {@link IOException} in the
 *       reader)</td></tr>
 *   <tr><td>header block</td><td>64 KiB (a Docker engine never sends more)</td></tr>
 * </table>
 *
 * Not supported: hijacked stdin ({@code attach}/{@code exec} with input); Harpoon never writes to a container's
 * stdin, and an explicit error beats a silent hang.
 */
public final class NettyDockerHttpClient implements DockerHttpClient {
    private static final int CHUNK = 64 * 1024;

    private final StreamDialer dialer;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public NettyDockerHttpClient(StreamDialer dialer, Duration connectTimeout, Duration responseTimeout) {
        this.dialer = requireNonNull(dialer, "dialer");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.responseTimeout = requireNonNull(responseTimeout, "responseTimeout");
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("hijacked stdin (attach/exec with input) is not supported");
        }
        Channel ch = dial();
        ResponseReader reader = new ResponseReader(responseTimeout.toNanos());
        ch.pipeline().addLast("http", new HttpClientCodec(4096, 65536, CHUNK));
        ch.pipeline().addLast("response", reader);
        try {
            send(ch, request);
            ch.read();
            HttpResponse head = reader.head().get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new NettyResponse(ch, head, reader.body());
        } catch (TimeoutException e) {
            ch.close();
            throw new EngineTimeoutException("no answer from the Docker engine within " + responseTimeout.toSeconds()
                    + " s for " + request.method() + " " + request.path());
        } catch (ExecutionException e) {
            ch.close();
            throw e.getCause() instanceof RuntimeException r ? r
                    : new EngineUnavailableException("engine stream failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for the engine");
        } catch (IOException e) {
            ch.close();
            throw new EngineUnavailableException("could not send the request to the engine: " + e.getMessage(), e);
        }
    }

    private Channel dial() {
        try {
            return dialer.open().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("no stream to the Docker engine within "
                    + connectTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EngineUnavailableException u ? u
                    : new EngineUnavailableException("cannot reach the Docker engine: " + e.getCause().getMessage(),
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while connecting to the engine");
        }
    }

    private static void send(Channel ch, Request request) throws IOException, InterruptedException {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.path());
        head.headers().set(HttpHeaderNames.HOST, "docker");
        request.headers().forEach((k, v) -> head.headers().set(k, v));
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        byte[] bytes = request.bodyBytes();
        InputStream stream = bytes == null ? request.body() : null;
        if (stream == null) {
            byte[] body = bytes == null ? new byte[0] : bytes;
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ch.write(head);
            awaitWrite(ch.writeAndFlush(new io.netty.handler.codec.http.DefaultLastHttpContent(
                    Unpooled.wrappedBuffer(body))));
            return;
        }
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        awaitWrite(ch.writeAndFlush(head));
        try (stream) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = stream.read(buf)) > 0) {
                // one chunk in flight at a time: a tar upload never piles up in the channel's buffer
                awaitWrite(ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, n))));
            }
        }
        awaitWrite(ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private static void awaitWrite(io.netty.channel.ChannelFuture f) throws IOException, InterruptedException {
        f.await();
        if (!f.isSuccess()) {
            throw new IOException(String.valueOf(f.cause()), f.cause());
        }
    }

    @Override
    public void close() {
        // nothing pooled
    }

    private record NettyResponse(Channel channel, HttpResponse head, InputStream body) implements Response {
        @Override
        public int getStatusCode() {
            return head.status().code();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> e : head.headers()) {
                m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            return m;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            channel.close();
        }
    }
}
