/** Loopback throughput and memory harness for the tunnel (run by hand; see docs/tunnel.md). */
package io.harpoon.tunnel.bench;
