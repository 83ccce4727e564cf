/**
 * frp-compatible tunnel server and client (wire v1).
 *
 * <p>Planned (issue "Tunnel"): {@code wire} (frp v1 message codec), {@code mux} (yamux), {@code crypto}
 * (AES-128-CFB streams and snappy framing over {@code io.harpoon.kernels}), {@code server}, {@code client},
 * {@code certs}. See {@code ../shared/spec/frp-wire.md}.
 */
package io.harpoon.tunnel;
