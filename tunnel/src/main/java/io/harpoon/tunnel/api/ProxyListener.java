package io.harpoon.tunnel.api;

/**
 * Told when a client's tcp proxy is bound or unbound (e.g. the gateway marking an ExApp reachable). Called on an
 * event loop: keep it short and non-blocking.
 */
public interface ProxyListener {
    /** A proxy is listening on {@code port} and reachable through {@code TunnelStreams}. */
    default void proxyBound(String name, int port, String runId) {
    }

    /** The proxy is gone (CloseProxy, client disconnected, replaced, server closing). */
    default void proxyUnbound(String name, int port, String runId) {
    }
}
