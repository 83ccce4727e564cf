package io.harpoon.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.config.Ips;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * FRP-mode targets go to {@link TunnelStreams}; everything else is direct TCP ({@code exapp_direct}, manual
 * installs). Host names resolve with a 10 s cap, IPv4 preferred (spec §9.1); a resolution is reused for at most
 * {@link #RESOLVE_TTL_NANOS} and dropped on connect failure (§16 Q8).
 */
public final class DefaultUpstreamConnector implements UpstreamConnector {
    public static final long RESOLVE_TTL_NANOS = 30_000_000_000L;
    public static final long RESOLVE_TIMEOUT_SECONDS = 10;

    private final TunnelStreams tunnel;
    private final Executor resolver;
    private final LongSupplier nanoClock;
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

    public DefaultUpstreamConnector(TunnelStreams tunnel, Executor resolver, LongSupplier nanoClock) {
        this.tunnel = requireNonNull(tunnel, "tunnel");
        this.resolver = requireNonNull(resolver, "resolver");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public CompletableFuture<InetSocketAddress> locate(ExAppTarget t) {
        if (t.viaTunnel()) {
            return tunnel.listener(t.port())
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.failedFuture(
                            new UpstreamUnavailableException("no tunnel for " + t.appId() + " on port " + t.port())));
        }
        InetAddress literal = Ips.parseLiteral(t.host());
        if (literal != null) {
            return CompletableFuture.completedFuture(new InetSocketAddress(literal, t.port()));
        }
        Resolved r = resolved.get(t.host());
        if (r != null && nanoClock.getAsLong() - r.expires < 0) {
            return CompletableFuture.completedFuture(new InetSocketAddress(r.address, t.port()));
        }
        return CompletableFuture.supplyAsync(() -> resolve(t.host()), resolver)
                .orTimeout(RESOLVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .thenApply(a -> {
                    resolved.put(t.host(), new Resolved(a, nanoClock.getAsLong() + RESOLVE_TTL_NANOS));
                    return new InetSocketAddress(a, t.port());
                });
    }

    @Override
    public void connectFailed(ExAppTarget target, InetSocketAddress address) {
        resolved.remove(target.host());
    }

    private static InetAddress resolve(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
            return all[0];
        } catch (UnknownHostException e) {
            throw UpstreamUnavailableException.unresolvable(host);
        }
    }

    private record Resolved(InetAddress address, long expires) {
    }
}
