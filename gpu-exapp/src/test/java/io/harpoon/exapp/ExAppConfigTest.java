package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExAppConfigTest {

    static Map<String, String> env() {
        Map<String, String> e = new HashMap<>();
        e.put("APP_ID", "vectors");
        e.put("APP_SECRET", "topsecret-value");
        e.put("APP_VERSION", "1.2.3");
        e.put("APP_HOST", "0.0.0.0");
        e.put("APP_PORT", "23001");
        e.put("NEXTCLOUD_URL", "http://nc.local/index.php");
        e.put("APP_PERSISTENT_STORAGE", "/data/x");
        e.put("COMPUTE_DEVICE", "CUDA");
        return e;
    }

    @Test
    void directModeFromAppApiEnvironment() {
        ExAppConfig c = ExAppConfig.fromEnv(env());
        assertEquals("vectors", c.appId());
        assertEquals(23001, c.appPort());
        assertEquals("0.0.0.0", c.appHost());
        assertEquals(Path.of("/data/x"), c.storage());
        assertEquals("CUDA", c.computeDevice());
        assertTrue(c.frp().isEmpty(), "no HP_* variables: exapp_direct, listen on TCP");
        assertFalse(c.toString().contains("topsecret"), c.toString());
    }

    @Test
    void frpModeWhenSharedKeyIsSet() {
        Map<String, String> e = env();
        e.put("HP_SHARED_KEY", "shared-key-value");
        e.put("HP_FRP_ADDRESS", "harp.local");
        e.put("HP_FRP_PORT", "8782");
        ExAppConfig c = ExAppConfig.fromEnv(e);
        ExAppConfig.Frp f = c.frp().orElseThrow();
        assertEquals("harp.local", f.address());
        assertEquals(8782, f.port());
        assertEquals(Path.of(ExAppConfig.DEFAULT_SOCKET), f.socket());
        assertFalse(c.toString().contains("shared-key-value") || c.toString().contains("topsecret"), c.toString());
        assertFalse(f.externalFrpc(), "the built-in tunnel client by default");
        assertTrue(TunnelConnector.forConfig(c) instanceof FrpClientConnector);
        assertEquals(TunnelConnector.EXTERNAL_FRPC, TunnelConnector.forConfig(ExAppConfig.fromEnv(env())));
    }

    @Test
    void certificatesFolderAndTunnelChoice(@TempDir Path base) throws Exception {
        Map<String, String> e = env();
        e.put("HP_SHARED_KEY", "shared-key-value");
        e.put("HP_FRP_ADDRESS", "harp.local");
        e.put("HP_CERTS_DIR", base.toString());
        assertTrue(ExAppConfig.fromEnv(e).frp().orElseThrow().certs().isEmpty(), "no frp folder: TLS off");
        Files.createDirectory(base.resolve("frp"));
        assertEquals(Optional.of(base.resolve("frp")), ExAppConfig.fromEnv(e).frp().orElseThrow().certs());
        e.put("HARPOON_EXAPP_TUNNEL", "external");
        ExAppConfig external = ExAppConfig.fromEnv(e);
        assertTrue(external.frp().orElseThrow().externalFrpc());
        assertEquals(TunnelConnector.EXTERNAL_FRPC, TunnelConnector.forConfig(external));
        e.put("HARPOON_EXAPP_TUNNEL", "frpc");
        assertEquals("HARPOON_EXAPP_TUNNEL: frpc (expected: java or external)",
                assertThrows(IllegalArgumentException.class, () -> ExAppConfig.fromEnv(e)).getMessage());
    }

    @Test
    void defaultsAndErrors() {
        Map<String, String> e = env();
        e.remove("APP_PERSISTENT_STORAGE");
        e.remove("COMPUTE_DEVICE");
        e.remove("NEXTCLOUD_URL");
        ExAppConfig c = ExAppConfig.fromEnv(e);
        assertEquals(Path.of("/nc_app_vectors_data"), c.storage());
        assertEquals("cpu", c.computeDevice());
        assertTrue(c.nextcloudUrl().isEmpty());
        e.put("APP_PORT", "70000");
        assertEquals("APP_PORT: 70000 (expected: 0..65535)",
                assertThrows(IllegalArgumentException.class, () -> ExAppConfig.fromEnv(e)).getMessage());
        e.remove("APP_SECRET");
        assertEquals("APP_SECRET: unset (expected: set by AppAPI)",
                assertThrows(IllegalArgumentException.class, () -> ExAppConfig.fromEnv(e)).getMessage());
        Map<String, String> f = env();
        f.put("HP_SHARED_KEY", "k");
        assertThrows(IllegalArgumentException.class, () -> ExAppConfig.fromEnv(f), "HP_FRP_ADDRESS is required with the key");
    }
}
