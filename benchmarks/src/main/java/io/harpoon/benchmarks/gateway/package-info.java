/**
 * Processes for {@code scripts/bench-gateway.sh}: not JMH benchmarks, plain {@code main} programs that the script
 * starts next to a real {@code harpoon gateway} process, all on 127.0.0.1.
 *
 * <ul>
 *   <li>{@link io.harpoon.benchmarks.gateway.BenchUpstream}: the ExApp, 1 KiB per GET, WebSocket echo on
 *       {@code /ws};</li>
 *   <li>{@link io.harpoon.benchmarks.gateway.BenchTunnel}: HaRP's ExApp frpc (Java {@code TunnelClient});</li>
 *   <li>{@link io.harpoon.benchmarks.gateway.WebSocketHeap}: opens many idle WebSockets through the gateway and
 *       reads the gateway's heap after GC with {@code jcmd}.</li>
 * </ul>
 *
 * They never run during {@code mvn verify}: there are no tests here and nothing is JMH-annotated.
 */
package io.harpoon.benchmarks.gateway;
