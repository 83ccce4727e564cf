package io.harpoon.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loopback fallback follows the FRP server's proxy events; a stale unbind never hides a newer proxy. */
class TunnelListenersTest {
    @Test
    void portIsReachableWhileAProxyIsBoundOnIt() {
        TunnelListeners l = new TunnelListeners("127.0.0.1");
        assertTrue(l.listener(23001).isEmpty());
        l.proxyBound("app", 23001, "run1");
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 23001)), l.listener(23001));
        assertEquals(Optional.of("app"), l.proxyOn(23001));
        l.proxyUnbound("app", 23001, "run1");
        assertTrue(l.listener(23001).isEmpty());
    }

    @Test
    void unbindOfAnotherProxyKeepsTheCurrentOne() {
        TunnelListeners l = new TunnelListeners("127.0.0.1");
        l.proxyBound("new", 24001, "run2");
        l.proxyUnbound("old", 24001, "run1");
        assertEquals(Optional.of("new"), l.proxyOn(24001));
    }
}
