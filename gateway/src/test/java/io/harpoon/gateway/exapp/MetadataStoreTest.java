package io.harpoon.gateway.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Spec §9.1 caching and §9.3 user lookup caching, with a scripted Nextcloud and a fake clock. */
class MetadataStoreTest {
    private final AtomicLong now = new AtomicLong();
    private final List<CompletableFuture<MetaResult>> pending = new ArrayList<>();
    private final AtomicInteger userCalls = new AtomicInteger();
    private final NextcloudApi nc = new NextcloudApi() {
        @Override
        public CompletableFuture<MetaResult> exAppMeta(String appIdLower) {
            CompletableFuture<MetaResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public CompletableFuture<UserInfo> userInfo(String appIdLower, Map<String, String> headers) {
            userCalls.incrementAndGet();
            return CompletableFuture.completedFuture(new UserInfo("u", AccessLevel.USER));
        }
    };
    private final MetadataStore store = new MetadataStore(nc, now::get);
    private static final ExAppRecord REC = new ExAppRecord("t", "1", "h", 80, List.of());

    @Test
    void concurrentMissesShareOneCallAndHitsHaveNoTtl() {
        CompletableFuture<MetaResult> a = store.lookup("app");
        CompletableFuture<MetaResult> b = store.lookup("app");
        assertEquals(1, pending.size(), "single flight");
        pending.get(0).complete(new MetaResult.Found(REC));
        assertSame(REC, ((MetaResult.Found) a.join()).record());
        assertSame(REC, ((MetaResult.Found) b.join()).record());
        now.addAndGet(Duration.ofDays(365).toNanos());
        assertInstanceOf(MetaResult.Found.class, store.lookup("app").join());
        assertEquals(1, pending.size(), "no TTL on hits");
    }

    @Test
    void negativeResultsAreCachedFifteenSeconds() {
        store.lookup("ghost");
        pending.get(0).complete(new MetaResult.Unknown());
        now.addAndGet(Duration.ofSeconds(14).toNanos());
        assertInstanceOf(MetaResult.Unknown.class, store.lookup("ghost").join());
        assertEquals(1, pending.size());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        store.lookup("ghost");
        assertEquals(2, pending.size(), "asked again after 15 s");
    }

    @Test
    void unavailableIsNeverCached() {
        store.lookup("app");
        pending.get(0).complete(new MetaResult.Unavailable("500"));
        store.lookup("app");
        assertEquals(2, pending.size());
    }

    @Test
    void failedCallBecomesUnavailable() {
        CompletableFuture<MetaResult> r = store.lookup("app");
        pending.get(0).completeExceptionally(new RuntimeException("boom"));
        assertInstanceOf(MetaResult.Unavailable.class, r.join());
    }

    @Test
    void pushClearsNegativeCacheAndDeleteForgets() {
        store.lookup("app");
        pending.get(0).complete(new MetaResult.Unknown());
        store.put("app", REC);
        assertInstanceOf(MetaResult.Found.class, store.lookup("app").join());
        assertTrue(store.remove("app"));
        assertTrue(!store.remove("app"));
        store.lookup("app");
        assertEquals(2, pending.size());
    }

    @Test
    void userLookupCachesPerCookieForTheSessionLifetimeOnly() {
        UserLookup users = new UserLookup(nc, Duration.ofSeconds(3), now::get);
        assertSame(UserInfo.ANONYMOUS, users.resolve("app", "", false, Map.of()).join(), "no credentials: no call");
        assertEquals(0, userCalls.get());
        users.resolve("app", "c1", false, Map.of()).join();
        users.resolve("app", "c1", false, Map.of()).join();
        assertEquals(1, userCalls.get());
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        users.resolve("app", "c1", false, Map.of()).join();
        assertEquals(2, userCalls.get(), "expired after HP_SESSION_LIFETIME");
        users.resolve("app", "", true, Map.of()).join();
        users.resolve("app", "", true, Map.of()).join();
        assertEquals(4, userCalls.get(), "Authorization without cookie is never cached");
    }

    @Test
    void routesUsePythonMatchSemantics() {
        Route r = Route.of("^/api/(?P<v>v[12])/(?P=v)", AccessLevel.USER, List.of());
        assertTrue(r.matches("/api/v1/v1/rest"), "anchored at the start only");
        assertTrue(!r.matches("/x/api/v1/v1"));
        assertTrue(!Route.of("([", AccessLevel.PUBLIC, List.of()).matches("(["), "uncompilable never matches");
        assertTrue(Route.of("/Case", AccessLevel.PUBLIC, List.of()).matches("/Case"));
        assertTrue(!Route.of("/Case", AccessLevel.PUBLIC, List.of()).matches("/case"), "case-sensitive");
    }

    @Test
    void optionalTtlRevalidatesInTheBackground() {
        MetadataStore ttl = new MetadataStore(nc, now::get, 60);
        ttl.put("app", REC);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        ttl.lookup("app");
        assertEquals(0, pending.size(), "fresh");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertSame(REC, ((MetaResult.Found) ttl.lookup("app").join()).record(), "stale hit still answered");
        assertEquals(1, pending.size(), "revalidation started");
        ttl.lookup("app");
        assertEquals(1, pending.size(), "once per period");
        pending.get(0).complete(new MetaResult.Unavailable("outage"));
        assertTrue(ttl.cached("app").isPresent(), "an outage keeps the record");
        ExAppRecord newer = new ExAppRecord("t2", "2", "h", 80, List.of());
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        ttl.lookup("app");
        pending.get(1).complete(new MetaResult.Found(newer));
        assertSame(newer, ttl.cached("app").orElseThrow());
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        ttl.lookup("app");
        pending.get(2).complete(new MetaResult.Unknown());
        assertTrue(ttl.cached("app").isEmpty(), "disabled in Nextcloud: dropped");
    }
}
