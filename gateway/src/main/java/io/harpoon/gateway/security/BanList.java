package io.harpoon.gateway.security;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.config.Ips;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Brute-force state (spec §10.1): per canonical client address (§16 Q6), the failure timestamps within a sliding
 * window. An address is banned while it has at least {@code count} failures younger than {@code window}; there is
 * no fixed ban length.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><td>{@link #MAX_TRACKED}</td><td>100 000 addresses; beyond it expired entries are purged first</td></tr>
 * </table>
 */
public final class BanList {
    public static final int MAX_TRACKED = 100_000;

    private final int count;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();
    private volatile Listener listener = (ip, banned) -> { };

    /** Told about every recorded failure, with whether the address is now banned. */
    public interface Listener {
        void onFailure(String canonicalIp, boolean bannedNow);
    }

    public BanList(int count, Duration window, LongSupplier nanoClock) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        this.count = count;
        this.windowNanos = window.toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    public void listener(Listener l) {
        this.listener = requireNonNull(l, "l");
    }

    public boolean isBanned(InetAddress ip) {
        return isBanned(Ips.canonical(ip));
    }

    public boolean isBanned(String canonicalIp) {
        ArrayDeque<Long> q = failures.get(canonicalIp);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            purge(q, nanoClock.getAsLong());
            return q.size() >= count;
        }
    }

    public void recordFailure(InetAddress ip) {
        String key = Ips.canonical(ip);
        long now = nanoClock.getAsLong();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(q -> {
                synchronized (q) {
                    purge(q, now);
                    return q.isEmpty();
                }
            });
        }
        ArrayDeque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        boolean banned;
        synchronized (q) {
            purge(q, now);
            q.addLast(now);
            while (q.size() > count) {
                q.removeFirst(); // older entries cannot change the verdict while the newest count stay
            }
            banned = q.size() >= count;
        }
        listener.onFailure(key, banned);
    }

    /** Number of currently banned addresses (for metrics). */
    public int bannedCount() {
        int n = 0;
        for (String ip : failures.keySet()) {
            if (isBanned(ip)) {
                n++;
            }
        }
        return n;
    }

    private void purge(ArrayDeque<Long> q, long now) {
        while (!q.isEmpty() && now - q.peekFirst() >= windowNanos) {
            q.removeFirst();
        }
    }
}
