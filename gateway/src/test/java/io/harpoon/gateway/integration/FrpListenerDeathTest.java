package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.Gateway;
import io.harpoon.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §2: a core component failing irrecoverably is fatal (the command then exits 1); a normal close is not. */
class FrpListenerDeathTest {
    static Map<String, String> env(Path dir) {
        return Map.of("HP_SHARED_KEY", "k", "HP_EXAPPS_ADDRESS", "127.0.0.1:0", "HP_EXAPPS_HTTPS_ADDRESS",
                "127.0.0.1:0", "HP_FRP_ADDRESS", "127.0.0.1:0", "HARPOON_CONTROL_ADDRESS", "127.0.0.1:0",
                "HARPOON_ADMIN_ADDRESS", "127.0.0.1:0", "HARPOON_LOCAL_DOCKER", "off", "HP_CERTS_DIR",
                dir.resolve("certs").toString(), "HARPOON_DATA_DIR", dir.toString(), "HP_WATCHDOG_ENABLED", "false");
    }

    @Test
    void frpListenerClosingUnderTheGatewayIsFatal(@TempDir Path dir) throws Exception {
        try (Gateway gw = Gateway.start(GatewayConfig.fromEnvironment(env(dir)))) {
            assertFalse(gw.fatal().isDone());
            gw.tunnelServer().orElseThrow().close(); // the listener goes away while the gateway runs
            String reason = gw.fatal().get(5, TimeUnit.SECONDS);
            assertTrue(reason.contains("FRP server listener"), reason);
        }
    }

    @Test
    void orderlyCloseIsNotFatal(@TempDir Path dir) throws Exception {
        Gateway gw = Gateway.start(GatewayConfig.fromEnvironment(env(dir)));
        gw.close();
        Thread.sleep(200);
        assertFalse(gw.fatal().isDone());
    }
}
