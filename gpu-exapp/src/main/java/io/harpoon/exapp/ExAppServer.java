package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.contract.AppApiAuth;
import io.harpoon.exapp.contract.Lifecycle;
import io.harpoon.exapp.contract.NextcloudClient;
import io.harpoon.exapp.vectors.CollectionStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample GPU ExApp: vector similarity search behind the AppAPI ExApp contract.
 *
 * <h2>How to run</h2>
 * <pre>
 *   APP_ID=harpoon_vectors APP_SECRET=... APP_VERSION=0.1.0 APP_HOST=127.0.0.1 APP_PORT=23000 \
 *   NEXTCLOUD_URL=http://nextcloud.local APP_PERSISTENT_STORAGE=/tmp/hv COMPUTE_DEVICE=CUDA \
 *     java --add-modules jdk.incubator.vector -jar harpoon.jar exapp
 *
 *   curl -s localhost:23000/heartbeat                      -> {"status":"ok"}
 *   curl -s -X PUT localhost:23000/v1/collections/docs \
 *     -H 'EX-APP-ID: harpoon_vectors' -H 'EX-APP-VERSION: 0.1.0' \
 *     -H "AUTHORIZATION-APP-API: $(printf ':%s' "$APP_SECRET" | base64 -w0)" -d '{"dimension":384}'
 * </pre>
 *
 * <h2>Listening</h2>
 * <pre>
 *   HP_SHARED_KEY unset  (exapp_direct, DSP, manual-install)   TCP APP_HOST:APP_PORT (NIO)
 *   HP_SHARED_KEY set    (HaRP with FRP)                       unix socket HP_EXAPP_SOCK, default /tmp/exapp.sock
 *                        (epoll), mode 0666, stale file removed; then {@link TunnelConnector#start}:
 *                        the built-in {@link FrpClientConnector}, or nothing with HARPOON_EXAPP_TUNNEL=external
 * </pre>
 *
 * At start the backend is chosen ({@link ComputeSelection}) and every collection under
 * {@code APP_PERSISTENT_STORAGE} is replayed; {@code POST /init} then makes them device-resident.
 */
public final class ExAppServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExAppServer.class);
    private static final long QUIET_MS = 100;

    private final ExAppContext context;
    private final EventLoopGroup group;
    private final EventExecutorGroup work;
    private final ChannelGroup open;
    private final Channel channel;
    private final TunnelConnector tunnel;

    private ExAppServer(ExAppContext context, EventLoopGroup group, EventExecutorGroup work, ChannelGroup open,
                        Channel channel, TunnelConnector tunnel) {
        this.context = context;
        this.group = group;
        this.work = work;
        this.open = open;
        this.channel = channel;
        this.tunnel = tunnel;
    }

    /** Probes the backends, loads the collections and listens as the environment says. */
    public static ExAppServer start(ExAppConfig config) throws Exception {
        ComputeSelection sel = ComputeSelection.select(config.computeDevice(), config.backend());
        return start(config, sel, TunnelConnector.forConfig(config));
    }

    public static ExAppServer start(ExAppConfig config, ComputeSelection selection, TunnelConnector tunnel) throws Exception {
        requireNonNull(config, "config");
        requireNonNull(selection, "selection");
        requireNonNull(tunnel, "tunnel");
        LOG.info("starting {}", config);
        LOG.info("compute: {}{}", selection.active(), selection.problem().isEmpty() ? "" : " (problem: " + selection.problem() + ")");
        CollectionStore store = CollectionStore.open(config.storage(), selection.backend());
        Lifecycle.ProgressSink sink = config.nextcloudUrl()
                .<Lifecycle.ProgressSink>map(url -> new NextcloudClient(url, config.appId(), config.appVersion(),
                        config.aaVersion(), config.appSecret())::reportInitProgress)
                .orElse((p, e) -> LOG.info("init progress {} {}(NEXTCLOUD_URL unset, not reported)", p,
                        e.isEmpty() ? "" : "error " + e + " "));
        Lifecycle lifecycle = new Lifecycle(selection, store, sink);
        ExAppContext ctx = new ExAppContext(config, new AppApiAuth(config.appId(), config.appSecret()), lifecycle,
                store, new VectorApi(store));
        EventExecutorGroup work = new DefaultEventExecutorGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        ChannelGroup open = new DefaultChannelGroup("exapp", GlobalEventExecutor.INSTANCE);
        EventLoopGroup group = null;
        try {
            Channel ch;
            if (config.frp().isPresent()) {
                ExAppConfig.Frp frp = config.frp().get();
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("HP_SHARED_KEY set: unix socket needs native epoll ("
                            + Epoll.unavailabilityCause() + ")");
                }
                group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
                Files.deleteIfExists(frp.socket());
                ch = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
                        .childHandler(new ExAppInitializer(ctx, work, open))
                        .bind(new DomainSocketAddress(frp.socket().toFile())).sync().channel();
                makeConnectable(frp.socket());
                tunnel.start(config, frp);
            } else {
                group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
                ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ExAppInitializer(ctx, work, open))
                        .bind(new InetSocketAddress(config.appHost(), config.appPort())).sync().channel();
            }
            LOG.info("listening on {}", ch.localAddress());
            return new ExAppServer(ctx, group, work, open, ch, tunnel);
        } catch (Exception | Error e) {
            if (group != null) {
                group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            }
            work.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            store.close();
            if (config.frp().isPresent()) {
                Files.deleteIfExists(config.frp().get().socket()); // bound before the tunnel failed to start
            }
            throw e;
        }
    }

    // frpc (and HaRP's healthcheck) may run as another user than the app after privileges are dropped.
    private static void makeConnectable(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    /** The bound address: an {@link InetSocketAddress} or a {@link DomainSocketAddress}. */
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    /** The TCP port (direct mode only). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Blocks until the listening channel closes. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    Lifecycle lifecycle() {
        return context.lifecycle();
    }

    @Override
    public void close() throws IOException {
        tunnel.close();
        channel.close().syncUninterruptibly();
        // Connections first: their last events still need both the event loop and the work executor.
        open.close().awaitUninterruptibly();
        // Pipeline teardown hops between the two executors; a short quiet period on both lets it finish.
        var loops = group.shutdownGracefully(QUIET_MS, 2_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        var workers = work.shutdownGracefully(QUIET_MS, 2_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        loops.syncUninterruptibly();
        workers.syncUninterruptibly();
        context.store().close();
        context.lifecycle().compute().backend().close();
        config().frp().ifPresent(f -> {
            try {
                Files.deleteIfExists(f.socket());
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", f.socket(), e.getMessage());
            }
        });
    }

    ExAppConfig config() {
        return context.config();
    }
}
