/**
 * frp-compatible tunnel server and client (wire v1, spec/frp-wire.md), used by the gateway (server, in-process
 * streams) and gpu-exapp (client). Layers, bottom-up: {@code wire} (frp v1 messages and frames), {@code mux} (yamux),
 * {@code crypto} (privilege key, PBKDF2, AES-128-CFB and snappy framing over {@code io.harpoon.kernels}),
 * {@code server}, {@code client}, {@code certs} (HaRP's PKI), {@code config}; {@code api} is what other modules call.
 * See docs/tunnel.md.
 */
package io.harpoon.tunnel;
