package io.harpoon.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.config.TrustedProxies;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Spec §10.1 sliding window and §10.3 address rules with a fake clock. */
class BanListTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final BanList bans = new BanList(3, Duration.ofSeconds(300), now::get);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private void advanceSeconds(long s) {
        now.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void bannedWhileCountFailuresAreInsideTheWindow() throws Exception {
        bans.recordFailure(ip("192.0.2.1"));
        advanceSeconds(100);
        bans.recordFailure(ip("192.0.2.1"));
        assertFalse(bans.isBanned(ip("192.0.2.1")));
        advanceSeconds(100);
        bans.recordFailure(ip("192.0.2.1"));
        assertTrue(bans.isBanned(ip("192.0.2.1")));
        advanceSeconds(99);
        assertTrue(bans.isBanned(ip("192.0.2.1")), "first failure is 299 s old");
        advanceSeconds(1);
        assertFalse(bans.isBanned(ip("192.0.2.1")), "sliding: the oldest failure left the window");
        bans.recordFailure(ip("192.0.2.1"));
        assertTrue(bans.isBanned(ip("192.0.2.1")), "one new failure bans again while two are still inside");
    }

    @Test
    void ipv4MappedAndCompressedFormsShareOneKey() throws Exception {
        bans.recordFailure(ip("::ffff:192.0.2.5"));
        bans.recordFailure(ip("192.0.2.5"));
        bans.recordFailure(ip("0:0:0:0:0:ffff:c000:205"));
        assertTrue(bans.isBanned(ip("192.0.2.5")));
        bans.recordFailure(ip("2001:db8:0:0:0:0:0:1"));
        bans.recordFailure(ip("2001:db8::1"));
        bans.recordFailure(ip("2001:DB8::0:1"));
        assertTrue(bans.isBanned(ip("2001:db8::1")));
        assertEquals(2, bans.bannedCount());
    }

    @Test
    void clientAddressRules() throws Exception {
        ClientAddresses none = new ClientAddresses(TrustedProxies.parse(""));
        assertEquals(ip("10.0.0.1"), none.resolve(ip("10.0.0.1"), "198.51.100.1", "198.51.100.2"),
                "no trusted proxies: the peer");
        ClientAddresses t = new ClientAddresses(TrustedProxies.parse("10.0.0.0/8,fd00::/8"));
        assertEquals(ip("172.16.0.1"), t.resolve(ip("172.16.0.1"), "198.51.100.1", null), "untrusted peer");
        assertEquals(ip("198.51.100.1"), t.resolve(ip("10.0.0.1"), "198.51.100.1", null), "single hop = HaRP");
        assertEquals(ip("198.51.100.2"), t.resolve(ip("10.0.0.1"), "6.6.6.6, 198.51.100.2, 10.0.0.3", null),
                "right-most untrusted");
        assertEquals(ip("10.0.0.7"), t.resolve(ip("10.0.0.1"), "10.0.0.7, 10.0.0.3", null), "all trusted");
        assertEquals(ip("2001:db8::1"), t.resolve(ip("fd00::1"), "[2001:db8::1]:443", null), "[v6]:port");
        assertEquals(ip("2001:db8::2"), t.resolve(ip("fd00::1"), "2001:db8::2", null), "bare v6");
        assertEquals(ip("198.51.100.3"), t.resolve(ip("10.0.0.1"), "198.51.100.3:5000", null), "v4:port");
        assertEquals(ip("198.51.100.4"), t.resolve(ip("10.0.0.1"), "unknown", "198.51.100.4"), "X-Real-IP");
        assertEquals(ip("10.0.0.1"), t.resolve(ip("10.0.0.1"), null, "junk"), "peer as last resort");
    }
}
