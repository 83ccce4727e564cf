package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarpTunnelTest {

    @Test
    void defaultsAreHarps(@TempDir Path tmp) throws Exception {
        TunnelServerConfig c = HarpTunnel.serverConfig(Map.of("HP_CERTS_DIR", tmp.toString()), "k");
        assertEquals(8782, c.bind().getPort());
        assertTrue(c.bind().getAddress().isAnyLocalAddress());
        assertTrue(c.tlsForced());
        assertEquals("127.0.0.1", c.proxyBindAddress());
        assertEquals(PortRange.harp(), c.allowPorts());
        assertEquals(1, c.maxPortsPerClient());
        assertEquals("", c.token());
        assertEquals("k", c.sharedKey());
        assertTrue(Files.isRegularFile(tmp.resolve("frp/ca.crt")), "certificates generated");
    }

    @Test
    void tlsCanBeDisabled(@TempDir Path tmp) throws Exception {
        TunnelServerConfig c = HarpTunnel.serverConfig(Map.of("HP_FRP_DISABLE_TLS", "true",
                "HP_FRP_ADDRESS", "127.0.0.1:9782", "HP_CERTS_DIR", tmp.toString()), "k");
        assertNull(c.tls());
        assertFalse(c.tlsForced());
        assertEquals(9782, c.bind().getPort());
        assertFalse(Files.exists(tmp.resolve("frp")), "no certificate generation without TLS");
    }

    @Test
    void addressesAndValidity() {
        assertEquals(8782, HarpTunnel.parseAddress("[::]:8782").getPort());
        assertEquals(1, HarpTunnel.parseAddress(":1").getPort());
        assertThrows(IllegalArgumentException.class, () -> HarpTunnel.parseAddress("8782"));
        assertThrows(IllegalArgumentException.class, () -> HarpTunnel.parseAddress("h:99999"));
        assertEquals(5000, HarpTunnel.validityDays(Map.of()));
        assertEquals(7, HarpTunnel.validityDays(Map.of("HP_FRP_CERT_VALIDITY_DAYS", "7")));
        assertThrows(IllegalArgumentException.class, () -> HarpTunnel.validityDays(Map.of("HP_FRP_CERT_VALIDITY_DAYS",
                "-1")));
    }
}
