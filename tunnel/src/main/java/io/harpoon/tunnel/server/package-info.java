/**
 * Harpoon's frps: {@link io.harpoon.tunnel.server.TunnelServer} and its pipeline handlers (first-byte and mux sniffing,
 * stream roles, controls, tcp proxies, work-connection pools). Parses no bytes itself: codecs live in {@code wire},
 * {@code mux} and {@code crypto}.
 */
package io.harpoon.tunnel.server;
