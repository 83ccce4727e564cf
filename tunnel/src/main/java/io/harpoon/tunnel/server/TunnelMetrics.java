package io.harpoon.tunnel.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer meters of the FRP server.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Meaning</th></tr>
 *   <tr><td>{@code harpoon.tunnel.sessions}</td><td>gauge</td><td>open transport connections (yamux or plain)</td></tr>
 *   <tr><td>{@code harpoon.tunnel.clients}</td><td>gauge</td><td>logged-in controls</td></tr>
 *   <tr><td>{@code harpoon.tunnel.proxies}</td><td>gauge</td><td>bound tcp proxies</td></tr>
 *   <tr><td>{@code harpoon.tunnel.streams}</td><td>gauge</td><td>work connections in use (relayed or in-process)</td></tr>
 *   <tr><td>{@code harpoon.tunnel.streams.opened}</td><td>counter</td><td>work connections opened so far</td></tr>
 *   <tr><td>{@code harpoon.tunnel.bytes}</td><td>counter, tag {@code direction} = to_client|from_client</td>
 *       <td>payload bytes through work connections</td></tr>
 *   <tr><td>{@code harpoon.tunnel.login.failures}</td><td>counter, tag {@code reason}</td><td>rejected logins</td></tr>
 * </table>
 */
public final class TunnelMetrics {
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger clients = new AtomicInteger();
    final AtomicInteger proxies = new AtomicInteger();
    final AtomicInteger streams = new AtomicInteger();
    final LongAdder streamsOpened = new LongAdder();
    final LongAdder bytesToClient = new LongAdder();
    final LongAdder bytesFromClient = new LongAdder();
    private final MeterRegistry registry;

    public TunnelMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("harpoon.tunnel.sessions", sessions, AtomicInteger::get).register(registry);
        Gauge.builder("harpoon.tunnel.clients", clients, AtomicInteger::get).register(registry);
        Gauge.builder("harpoon.tunnel.proxies", proxies, AtomicInteger::get).register(registry);
        Gauge.builder("harpoon.tunnel.streams", streams, AtomicInteger::get).register(registry);
        FunctionCounter.builder("harpoon.tunnel.streams.opened", streamsOpened, LongAdder::sum)
                .description("work connections opened (a low rate per request means keep-alive reuse works)")
                .register(registry);
        FunctionCounter.builder("harpoon.tunnel.bytes", bytesToClient, LongAdder::sum)
                .tag("direction", "to_client").register(registry);
        FunctionCounter.builder("harpoon.tunnel.bytes", bytesFromClient, LongAdder::sum)
                .tag("direction", "from_client").register(registry);
    }

    /** Work connections opened so far. */
    public long streamsOpened() {
        return streamsOpened.sum();
    }

    void loginFailure(String reason) {
        Counter.builder("harpoon.tunnel.login.failures").tag("reason", reason).register(registry).increment();
    }

    /** Rejected logins so far for one reason ({@code token}, {@code shared_key}, {@code rejected}). */
    public double loginFailures(String reason) {
        Counter c = registry.find("harpoon.tunnel.login.failures").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    public int sessions() {
        return sessions.get();
    }

    public int clients() {
        return clients.get();
    }

    public int proxies() {
        return proxies.get();
    }

    public int streams() {
        return streams.get();
    }
}
