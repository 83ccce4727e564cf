package io.harpoon.engines.transport;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * Opens one byte stream to a Docker engine's API: a unix socket ({@link SocketDialer}), a TCP connection, or a
 * stream through the FRP tunnel to a remote engine's {@code unix_domain_socket} proxy. The channel is handed over
 * with auto-read off and no handlers; the caller installs its codec and calls {@code read()}.
 *
 * <p>Fails with {@link EngineUnavailableException} when the engine cannot be reached (answered {@code 503}).
 */
@FunctionalInterface
public interface StreamDialer {
    CompletableFuture<Channel> open();
}
