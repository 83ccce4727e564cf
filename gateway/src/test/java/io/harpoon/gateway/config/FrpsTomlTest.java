package io.harpoon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.Gateway;
import io.harpoon.tunnel.certs.HarpCertificates;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §16 Q27: a mounted frps.toml replaces HaRP's FRP settings where it says something. */
class FrpsTomlTest {
    static final TunnelServerConfig HARP = TunnelServerConfig.harp(new InetSocketAddress("0.0.0.0", 8782), "k", null);

    @Test
    void readsTheKeysThatMeanSomethingHere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("frps.toml");
        Files.writeString(f, """
                bindAddr = "127.0.0.1"
                bindPort = 7000
                proxyBindAddr = "127.0.0.2"
                maxPortsPerClient = 3
                allowPorts = [ { start = 23000, end = 23099 }, { single = 24001 } ]
                log.level = "debug"   # ignored

                [[httpPlugins]]
                name = "login"
                addr = "127.0.0.1:8200"
                """);
        TunnelServerConfig c = FrpsToml.load(f).apply(HARP);
        assertEquals(new InetSocketAddress("127.0.0.1", 7000), c.bind());
        assertEquals("127.0.0.2", c.proxyBindAddress());
        assertEquals(3, c.maxPortsPerClient());
        assertEquals(List.of(new PortRange(23000, 23099), new PortRange(24001, 24001)), c.allowPorts());
        assertEquals(HARP.sharedKey(), c.sharedKey(), "the login check stays the shared key");
    }

    @Test
    void tlsFilesGiveMutualTlsAndForceWithoutCertificatesIsAConfigError(@TempDir Path dir) throws Exception {
        HarpCertificates.ensure(dir.resolve("frp"), 30);
        Path f = dir.resolve("frps.toml");
        Files.writeString(f, "[transport.tls]\nforce = true\ncertFile = \"" + dir.resolve("frp/server.crt")
                + "\"\nkeyFile = \"" + dir.resolve("frp/server.key") + "\"\ntrustedCaFile = \""
                + dir.resolve("frp/ca.crt") + "\"\n");
        TunnelServerConfig c = FrpsToml.load(f).apply(HARP);
        assertNotNull(c.tls());
        assertTrue(c.tlsForced());
        Files.writeString(f, "transport.tls.force = true\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FrpsToml.load(f).apply(HARP));
        assertTrue(e.getMessage().contains("transport.tls.force"), e.getMessage());
        Files.writeString(f, "bindPort = 99999\n");
        assertThrows(ConfigException.class, () -> FrpsToml.load(f).apply(HARP));
        Files.writeString(f, "this is = = not toml");
        assertThrows(ConfigException.class, () -> FrpsToml.load(f));
    }

    @Test
    void aGatewayWithAMountedFrpsTomlListensWhereItSays(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("frps.toml"), "bindAddr = \"127.0.0.1\"\nbindPort = " + port + "\n");
        Files.writeString(dir.resolve("haproxy.cfg"), "# ignored\n");
        Map<String, String> env = new HashMap<>(Map.of("HP_SHARED_KEY", "k", "HP_EXAPPS_ADDRESS", "127.0.0.1:0",
                "HP_EXAPPS_HTTPS_ADDRESS", "127.0.0.1:0", "HP_FRP_ADDRESS", "127.0.0.1:0",
                "HARPOON_CONTROL_ADDRESS", "127.0.0.1:0", "HARPOON_ADMIN_ADDRESS", "127.0.0.1:0",
                "HARPOON_LOCAL_DOCKER", "off", "HP_CERTS_DIR", dir.resolve("certs").toString(),
                "HARPOON_DATA_DIR", dir.toString(), "HP_WATCHDOG_ENABLED", "false"));
        env.put("HARPOON_HARP_CONFIG_DIR", dir.toString());
        try (Gateway gw = Gateway.start(GatewayConfig.fromEnvironment(env))) {
            assertEquals(port, gw.frpAddress().orElseThrow().getPort());
            assertFalse(gw.fatal().isDone());
        }
    }
}
