package io.harpoon.tunnel.api;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * In-process access to tunnelled services: what a tcp proxy's loopback port would give, without the loopback hop.
 *
 * <p>The returned channel is a work connection on which StartWorkConn has already been sent and the proxy's
 * encryption/compression codecs are installed: bytes written are what the ExApp's socket receives. It is handed over
 * with auto-read off; add handlers, then {@code channel.config().setAutoRead(true)} (or call {@code read()}).
 * Closing it closes the connection to the ExApp.
 */
public interface TunnelStreams {

    /** A stream to the proxy registered under {@code proxyName} (frp's wire name, e.g. the ExApp id). */
    CompletableFuture<Channel> openStream(String proxyName, InetSocketAddress source);

    /** A stream to the proxy bound on {@code remotePort}. */
    CompletableFuture<Channel> openStream(int remotePort, InetSocketAddress source);

    default CompletableFuture<Channel> openStream(String proxyName) {
        return openStream(proxyName, null);
    }

    default CompletableFuture<Channel> openStream(int remotePort) {
        return openStream(remotePort, null);
    }
}
