package io.harpoon.engines.transport;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Dials an engine on a unix socket ({@code unix:///var/run/docker.sock}, HaRP's bundled engine on port 24000) or on
 * plain TCP ({@code tcp://host:2375}); TLS-protected TCP engines are reached through the tunnel instead.
 */
public final class SocketDialer implements StreamDialer {
    private final EventLoopGroup group;
    private final SocketAddress address;
    private final Duration connectTimeout;

    public SocketDialer(EventLoopGroup group, SocketAddress address, Duration connectTimeout) {
        this.group = requireNonNull(group, "group");
        this.address = requireNonNull(address, "address");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * A dialer for a {@code DOCKER_HOST} value.
     *
     * @throws IllegalArgumentException for schemes other than {@code unix} and {@code tcp}
     */
    public static SocketDialer forDockerHost(EventLoopGroup group, String dockerHost, Duration connectTimeout) {
        URI uri = URI.create(dockerHost);
        String scheme = String.valueOf(uri.getScheme());
        return switch (scheme) {
            case "unix" -> new SocketDialer(group, UnixDomainSocketAddress.of(Path.of(uri.getPath())), connectTimeout);
            case "tcp" -> new SocketDialer(group, InetSocketAddress.createUnresolved(uri.getHost(),
                    uri.getPort() < 0 ? 2375 : uri.getPort()), connectTimeout);
            default -> throw new IllegalArgumentException("DOCKER_HOST: " + dockerHost
                    + " (expected: unix:///path/docker.sock or tcp://host:port)");
        };
    }

    public SocketAddress address() {
        return address;
    }

    @Override
    public CompletableFuture<Channel> open() {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        SocketAddress target = address instanceof InetSocketAddress i && i.isUnresolved()
                ? new InetSocketAddress(i.getHostString(), i.getPort()) : address;
        Bootstrap b = new Bootstrap().group(group)
                .channel(address instanceof UnixDomainSocketAddress ? NioDomainSocketChannel.class
                        : NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // handlers are installed by the HTTP client once connected
                    }
                });
        b.connect(target).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                result.complete(f.channel());
            } else {
                result.completeExceptionally(new EngineUnavailableException(
                        "cannot connect to the Docker engine at " + describe(address) + ": " + f.cause().getMessage(),
                        f.cause()));
            }
        });
        return result;
    }

    static String describe(SocketAddress a) {
        return a instanceof UnixDomainSocketAddress u ? "unix://" + u.getPath() : "tcp://" + a;
    }

    @Override
    public String toString() {
        return describe(address);
    }
}
