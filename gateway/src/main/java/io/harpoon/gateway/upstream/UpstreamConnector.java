package io.harpoon.gateway.upstream;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Says where the gateway must open a TCP connection to reach an ExApp. Netty-free on purpose: the relay dials
 * the returned address itself. Fails with {@link UpstreamUnavailableException} (answered {@code 503}) when the
 * ExApp cannot be reached, e.g. its tunnel is not connected.
 */
@FunctionalInterface
public interface UpstreamConnector {
    CompletableFuture<InetSocketAddress> locate(ExAppTarget target);

    /** Called by the relay when a connect to a located address failed, so cached resolutions can be dropped. */
    default void connectFailed(ExAppTarget target, InetSocketAddress address) {
    }
}
