package io.harpoon.gateway.admin;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.security.BanList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway meters, rendered by the admin listener's {@code /metrics} in Prometheus text format.
 *
 * <pre>
 * harpoon_gateway_requests_seconds{app,status}   timer with histogram: one per finished exchange
 * harpoon_gateway_upstream_errors_total{app,kind} connect, timeout, reset, unavailable
 * harpoon_gateway_websockets_active               open upgraded connections
 * harpoon_gateway_failures_total                  brute-force failures recorded
 * harpoon_gateway_bans_total                      failures that left the address banned
 * harpoon_gateway_banned_addresses                addresses banned now
 * </pre>
 *
 * The app tag is the lower-cased app id for known ExApps only ({@code app_api}, {@code unknown} otherwise), so a
 * scanner cannot blow up the number of series.
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger webSockets = new AtomicInteger();
    private final Counter failures;
    private final Counter bans;

    public GatewayMetrics(BanList banList) {
        requireNonNull(banList, "banList");
        Gauge.builder("harpoon.gateway.websockets.active", webSockets, AtomicInteger::get).register(registry);
        Gauge.builder("harpoon.gateway.banned.addresses", banList, BanList::bannedCount).register(registry);
        failures = Counter.builder("harpoon.gateway.failures").register(registry);
        bans = Counter.builder("harpoon.gateway.bans").register(registry);
        banList.listener((ip, bannedNow) -> {
            failures.increment();
            if (bannedNow) {
                bans.increment();
            }
        });
    }

    /** @param status HTTP status, or {@code "drop"} for a silent drop */
    public void request(String app, String status, long nanos) {
        Timer.builder("harpoon.gateway.requests").tag("app", app).tag("status", status)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    public void upstreamError(String app, String kind) {
        Counter.builder("harpoon.gateway.upstream.errors").tag("app", app).tag("kind", kind).register(registry)
                .increment();
    }

    public void webSocketOpened() {
        webSockets.incrementAndGet();
    }

    public void webSocketClosed() {
        webSockets.decrementAndGet();
    }

    public int activeWebSockets() {
        return webSockets.get();
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
