/**
 * yamux (hashicorp/yamux v0.1.1 wire, as fatedier/yamux in frp; spec/frp-wire.md §4) on Netty:
 * {@link io.harpoon.tunnel.mux.YamuxFrameDecoder} splits headers and payload, {@link io.harpoon.tunnel.mux.YamuxSession}
 * keeps the stream table, windows, pings and go-away, and each stream is a child
 * {@link io.harpoon.tunnel.mux.YamuxStreamChannel}. No sockets are opened here and no frp message is parsed.
 */
package io.harpoon.tunnel.mux;
