/**
 * How Harpoon talks HTTP to a Docker engine: {@link io.harpoon.engines.transport.StreamDialer} opens a byte
 * stream (unix socket, TCP, or an in-process FRP tunnel stream) and
 * {@link io.harpoon.engines.transport.NettyDockerHttpClient} runs docker-java's requests over it with Netty's
 * HTTP/1.1 codec. Reachability failures surface as {@link io.harpoon.engines.transport.EngineUnavailableException}
 * (503), silence as {@link io.harpoon.engines.transport.EngineTimeoutException} (504).
 */
package io.harpoon.engines.transport;
