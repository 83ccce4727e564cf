package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Pipeline of one ExApp connection, TCP or unix socket alike:
 *
 * <pre>
 *   codec (HttpServerCodec) -> aggregator (HttpObjectAggregator, MAX_BODY) -> handler (ExAppHandler, on the work group)
 * </pre>
 *
 * The handler runs on a separate executor group because searches, log fsyncs and device calls block.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>constant</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@link #MAX_BODY}</td><td>64 MiB</td><td>one upsert request (about 40 000 vectors of 384 floats as
 *       JSON); larger bodies get 413</td></tr>
 * </table>
 */
final class ExAppInitializer extends ChannelInitializer<Channel> {
    static final int MAX_BODY = 64 << 20;

    private final ExAppContext context;
    private final EventExecutorGroup work;
    private final ChannelGroup open;

    /** @param open every accepted connection is added here, so shutdown can close them before the executors */
    ExAppInitializer(ExAppContext context, EventExecutorGroup work, ChannelGroup open) {
        this.context = requireNonNull(context, "context");
        this.work = requireNonNull(work, "work");
        this.open = requireNonNull(open, "open");
    }

    @Override
    protected void initChannel(Channel ch) {
        open.add(ch);
        ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(MAX_BODY))
                .addLast(work, "handler", new ExAppHandler(context));
    }
}
