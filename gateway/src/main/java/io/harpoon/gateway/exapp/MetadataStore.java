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
 * {@link MetaResult.Unavailable} is never cached (§16 Q12).
 *
 * <p>Keys are lower-cased app ids; callers lower-case.
 */
public final class MetadataStore {
    /** Negative cache lifetime: 15 s. */
    public static final long NEGATIVE_TTL_NANOS = 15_000_000_000L;

    private final NextcloudApi nextcloud;
    private final LongSupplier nanoClock;
    private final Map<String, ExAppRecord> records = new ConcurrentHashMap<>();
    private final Map<String, Long> negativeUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<MetaResult>> inFlight = new ConcurrentHashMap<>();

    public MetadataStore(NextcloudApi nextcloud, LongSupplier nanoClock) {
        this.nextcloud = requireNonNull(nextcloud, "nextcloud");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    public CompletableFuture<MetaResult> lookup(String appIdLower) {
        ExAppRecord hit = records.get(appIdLower);
        if (hit != null) {
            return CompletableFuture.completedFuture(new MetaResult.Found(hit));
        }
        Long until = negativeUntil.get(appIdLower);
        if (until != null) {
            if (nanoClock.getAsLong() - until < 0) {
                return CompletableFuture.completedFuture(new MetaResult.Unknown());
            }
            negativeUntil.remove(appIdLower, until);
        }
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
                    remember(appIdLower, r);
                    inFlight.remove(appIdLower, mine); // before completing: later lookups see the cache
                    mine.complete(r);
                });
        return mine;
    }

    private MetaResult remember(String id, MetaResult r) {
        switch (r) {
            case MetaResult.Found f -> records.putIfAbsent(id, f.record());
            case MetaResult.Unknown u -> negativeUntil.put(id, nanoClock.getAsLong() + NEGATIVE_TTL_NANOS);
            case MetaResult.Unavailable u -> { }
        }
        return r;
    }

    /** {@code POST exapp_storage/<id>}: store and clear the negative entry. */
    public void put(String appIdLower, ExAppRecord record) {
        records.put(appIdLower, record);
        negativeUntil.remove(appIdLower);
    }

    /** {@code DELETE exapp_storage/<id>}: true when something was cached. */
    public boolean remove(String appIdLower) {
        return records.remove(appIdLower) != null;
    }

    public Optional<ExAppRecord> cached(String appIdLower) {
        return Optional.ofNullable(records.get(appIdLower));
    }
}
