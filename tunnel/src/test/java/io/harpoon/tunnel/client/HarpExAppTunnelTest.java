package io.harpoon.tunnel.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarpExAppTunnelTest {

    @Test
    void plainWhenNoCertificates(@TempDir Path tmp) throws Exception {
        TunnelClientConfig c = HarpExAppTunnel.clientConfig(Map.of("HP_FRP_ADDRESS", "127.0.0.1",
                "HP_SHARED_KEY", "s3", "APP_ID", "my_app", "APP_PORT", "23001", "HP_CERTS_DIR", tmp.toString()));
        assertNull(c.tls());
        assertEquals(8782, c.server().getPort());
        assertEquals(Map.of("token", "s3"), c.metas());
        assertEquals("", c.token());
        assertFalse(c.loginFailExit());
        ProxySpec p = c.proxies().get(0);
        assertEquals("my_app", p.name());
        assertEquals(23001, p.remotePort());
        assertEquals(UnixDomainSocketAddress.of("/tmp/exapp.sock"), p.target());
    }

    @Test
    void tlsWhenCertificatesPresent(@TempDir Path tmp) throws Exception {
        HarpCertificates.ensure(tmp.resolve("frp"), 5);
        TunnelClientConfig c = HarpExAppTunnel.clientConfig(Map.of("HP_FRP_ADDRESS", "127.0.0.1", "HP_FRP_PORT",
                "9000", "HP_SHARED_KEY", "s3", "APP_ID", "a", "APP_PORT", "23000", "HP_CERTS_DIR", tmp.toString(),
                "HP_EXAPP_SOCK", "/run/x.sock"));
        assertNotNull(c.tls());
        assertEquals("harp.nc", c.serverName());
        assertEquals(9000, c.server().getPort());
        assertEquals(UnixDomainSocketAddress.of("/run/x.sock"), c.proxies().get(0).target());
    }

    @Test
    void missingVariablesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HarpExAppTunnel.clientConfig(Map.of("HP_FRP_ADDRESS", "h", "APP_ID", "a", "APP_PORT", "1")));
        assertEquals("HP_SHARED_KEY: unset (expected: a value)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HarpExAppTunnel.clientConfig(Map.of("HP_FRP_ADDRESS", "h",
                "HP_SHARED_KEY", "k", "APP_ID", "a", "APP_PORT", "0")));
    }
}
