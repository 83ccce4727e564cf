package io.harpoon.tunnel.mux;

import java.time.Duration;

/**
 * Session settings. Defaults follow fatedier/yamux {@code DefaultConfig} with frp's overrides (spec/frp-wire.md §4.7).
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Why</th></tr>
 *   <tr><td>{@code maxStreamWindow}</td><td>{@value #FRP_MAX_STREAM_WINDOW} (6 MiB)</td>
 *       <td>frp's {@code MaxStreamWindowSize}; bounds buffered bytes per stream</td></tr>
 *   <tr><td>{@code maxStreams}</td><td>{@value #DEFAULT_MAX_STREAMS}</td>
 *       <td>streams open at once per session; SYNs past it are refused with RST</td></tr>
 *   <tr><td>{@code maxFramePayload}</td><td>{@value #DEFAULT_MAX_FRAME_PAYLOAD}</td>
 *       <td>largest Data frame Harpoon sends (fairness between streams)</td></tr>
 *   <tr><td>{@code keepAliveInterval}</td><td>30 s</td><td>frp v0.58.1+; zero turns pings off</td></tr>
 *   <tr><td>{@code pingTimeout}</td><td>10 s</td><td>Go's {@code ConnectionWriteTimeout}</td></tr>
 * </table>
 */
public record YamuxConfig(boolean client, int maxStreamWindow, int maxStreams, int maxFramePayload,
        Duration keepAliveInterval, Duration pingTimeout) {
    /** yamux's initial window, before any WindowUpdate. */
    public static final int INITIAL_STREAM_WINDOW = 256 * 1024;
    public static final int FRP_MAX_STREAM_WINDOW = 6 * 1024 * 1024;
    public static final int DEFAULT_MAX_STREAMS = 4096;
    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 64 * 1024;

    public YamuxConfig {
        if (maxStreamWindow < INITIAL_STREAM_WINDOW) {
            throw new IllegalArgumentException("maxStreamWindow: " + maxStreamWindow + " (expected: >= 262144)");
        }
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("maxStreams: " + maxStreams + " (expected: > 0)");
        }
        if (maxFramePayload <= 0) {
            throw new IllegalArgumentException("maxFramePayload: " + maxFramePayload + " (expected: > 0)");
        }
        if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval: " + keepAliveInterval + " (expected: >= 0)");
        }
        if (pingTimeout == null || pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("pingTimeout: " + pingTimeout + " (expected: > 0)");
        }
    }

    public static YamuxConfig serverDefaults() {
        return new YamuxConfig(false, FRP_MAX_STREAM_WINDOW, DEFAULT_MAX_STREAMS, DEFAULT_MAX_FRAME_PAYLOAD,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public static YamuxConfig clientDefaults() {
        return new YamuxConfig(true, FRP_MAX_STREAM_WINDOW, DEFAULT_MAX_STREAMS, DEFAULT_MAX_FRAME_PAYLOAD,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public YamuxConfig withMaxStreams(int n) {
        return new YamuxConfig(client, maxStreamWindow, n, maxFramePayload, keepAliveInterval, pingTimeout);
    }

    public YamuxConfig withMaxStreamWindow(int w) {
        return new YamuxConfig(client, w, maxStreams, maxFramePayload, keepAliveInterval, pingTimeout);
    }

    public YamuxConfig withKeepAlive(Duration interval, Duration timeout) {
        return new YamuxConfig(client, maxStreamWindow, maxStreams, maxFramePayload, interval, timeout);
    }

    /** Delta announced with SYN/ACK so the peer's view of our window grows to {@code maxStreamWindow}. */
    public int initialDelta() {
        return maxStreamWindow - INITIAL_STREAM_WINDOW;
    }
}
