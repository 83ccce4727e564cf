package io.harpoon.gateway.exapp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * User resolution for unsigned requests (spec §9.3 step 2). Only called when the {@code oc_sessionPassphrase}
 * cookie is non-empty or an {@code Authorization} header is present; results are cached per cookie value for
 * {@code HP_SESSION_LIFETIME}, and only when the cookie was present.
 */
public final class UserLookup {
    /** Upper bound of cached sessions; the cache is cleared when reached (entries live seconds at most). */
    public static final int MAX_ENTRIES = 100_000;

    private final NextcloudApi nextcloud;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public UserLookup(NextcloudApi nextcloud, Duration lifetime, LongSupplier nanoClock) {
        this.nextcloud = requireNonNull(nextcloud, "nextcloud");
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * @param sessionCookie value of {@code oc_sessionPassphrase} or empty
     * @param headers client headers, lower-cased names, last duplicate wins
     */
    public CompletableFuture<UserInfo> resolve(String appIdLower, String sessionCookie, boolean hasAuthorization,
            Map<String, String> headers) {
        if (sessionCookie.isEmpty() && !hasAuthorization) {
            return CompletableFuture.completedFuture(UserInfo.ANONYMOUS);
        }
        long now = nanoClock.getAsLong();
        if (!sessionCookie.isEmpty()) {
            Entry e = cache.get(sessionCookie);
            if (e != null && now - e.expires < 0) {
                return CompletableFuture.completedFuture(e.user);
            }
        }
        return nextcloud.userInfo(appIdLower, headers).thenApply(u -> {
            if (!sessionCookie.isEmpty() && lifetimeNanos > 0) {
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
                cache.put(sessionCookie, new Entry(u, nanoClock.getAsLong() + lifetimeNanos));
            }
            return u;
        });
    }

    private record Entry(UserInfo user, long expires) {
    }
}
