package io.harpoon.gateway.exapp;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * ExApp metadata cache (spec §9.1): hits live until {@code exapp_storage} replaces or deletes them (no TTL);
 * Nextcloud 401/404 is remembered for {@link #NEGATIVE_TTL_NANOS}; concurrent misses share one Nextcloud call;
 * {@link MetaResult.Unavailable} is never cached (§16 Q12). Optionally hits are revalidated after a TTL (Q7).
 *
 * <p>Keys are lower-cased app ids; callers lower-case.
 */
public final class MetadataStore {
    /** Negative cache lifetime: 15 s. */
    public static final long NEGATIVE_TTL_NANOS = 15_000_000_000L;

    private final NextcloudApi nextcloud;
    private final LongSupplier nanoClock;
    private final long ttlNanos;
    private final Map<String, ExAppRecord> records = new ConcurrentHashMap<>();
    private final Map<String, Long> storedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> negativeUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MetaResult>> inFlight = new ConcurrentHashMap<>();

    public MetadataStore(NextcloudApi nextcloud, LongSupplier nanoClock) {
        this(nextcloud, nanoClock, 0);
    }

    /**
     * @param ttlSeconds {@code HARPOON_META_TTL_SECONDS} (spec §16 Q7): a hit older than this is still answered
     *     and revalidated in the background (Nextcloud 401/404 drops it, an outage keeps it); 0 = never
     */
    public MetadataStore(NextcloudApi nextcloud, LongSupplier nanoClock, long ttlSeconds) {
        this.nextcloud = requireNonNull(nextcloud, "nextcloud");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
    }

    public CompletableFuture<MetaResult> lookup(String appIdLower) {
        ExAppRecord hit = records.get(appIdLower);
        if (hit != null) {
            Long at = storedAt.get(appIdLower);
            if (ttlNanos > 0 && at != null && nanoClock.getAsLong() - at >= ttlNanos) {
                storedAt.put(appIdLower, nanoClock.getAsLong()); // one revalidation per TTL period
                fetch(appIdLower, true);
            }
            return CompletableFuture.completedFuture(new MetaResult.Found(hit));
        }
        Long until = negativeUntil.get(appIdLower);
        if (until != null) {
            if (nanoClock.getAsLong() - until < 0) {
                return CompletableFuture.completedFuture(new MetaResult.Unknown());
            }
            negativeUntil.remove(appIdLower, until);
        }
        return fetch(appIdLower, false);
    }

    private CompletableFuture<MetaResult> fetch(String appIdLower, boolean revalidate) {
        CompletableFuture<MetaResult> mine = new CompletableFuture<>();
        CompletableFuture<MetaResult> existing = inFlight.putIfAbsent(appIdLower, mine);
        if (existing != null) {
            return existing; // single flight: share the call already running
        }
        CompletableFuture<MetaResult> call;
        try {
            call = nextcloud.exAppMeta(appIdLower);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.handle((r, t) -> t != null ? new MetaResult.Unavailable(String.valueOf(t)) : r)
                .thenAccept(r -> {
                    if (revalidate) {
                        revalidated(appIdLower, r);
                    } else {
                        remember(appIdLower, r);
                    }
                    inFlight.remove(appIdLower, mine); // before completing: later lookups see the cache
                    mine.complete(r);
                });
        return mine;
    }

    private void revalidated(String id, MetaResult r) {
        switch (r) {
            case MetaResult.Found f -> put(id, f.record());
            case MetaResult.Unknown u -> remove(id);
            case MetaResult.Unavailable u -> { } // keep serving the last known record through an outage
        }
    }

    private MetaResult remember(String id, MetaResult r) {
        switch (r) {
            case MetaResult.Found f -> {
                if (records.putIfAbsent(id, f.record()) == null) {
                    storedAt.put(id, nanoClock.getAsLong());
                }
            }
            case MetaResult.Unknown u -> negativeUntil.put(id, nanoClock.getAsLong() + NEGATIVE_TTL_NANOS);
            case MetaResult.Unavailable u -> { }
        }
        return r;
    }

    /** {@code POST exapp_storage/<id>}: store and clear the negative entry. */
    public void put(String appIdLower, ExAppRecord record) {
        records.put(appIdLower, record);
        storedAt.put(appIdLower, nanoClock.getAsLong());
        negativeUntil.remove(appIdLower);
    }

    /** {@code DELETE exapp_storage/<id>}: true when something was cached. */
    public boolean remove(String appIdLower) {
        storedAt.remove(appIdLower);
        return records.remove(appIdLower) != null;
    }

    public Optional<ExAppRecord> cached(String appIdLower) {
        return Optional.ofNullable(records.get(appIdLower));
    }
}
