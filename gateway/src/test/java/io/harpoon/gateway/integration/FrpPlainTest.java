package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.harpoon.gateway.testing.FrpExApps;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code HP_FRP_DISABLE_TLS=true}: no certificates are generated and a plain frpc (HaRP's ExApp entrypoint without
 * {@code /certs/frp}) reaches its ExApp.
 */
class FrpPlainTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_FRP_DISABLE_TLS", "true")
            .builtInTunnel(UnaryOperator.identity());

    @Test
    void plainFrpcReachesItsExApp() throws Exception {
        List<Integer> ports = FrpExApps.freeAppPorts(1);
        Assumptions.assumeTrue(ports.size() == 1, "needs a free loopback port in 23000-23999");
        assertFalse(Files.exists(GW.certsDir().resolve("frp")), "no PKI without TLS");
        GW.nextcloud().exApp("plainapp", NextcloudStandIn.record("plain-secret", "1.0.0", "127.0.0.1", ports.get(0),
                "[{\"url\":\".*\",\"access_level\":0,\"bruteforce_protection\":[]}]"));
        TunnelClientConfig cfg = TunnelClientConfig.harp(FrpExApps.frpServer(GW), null, GatewayExtension.KEY,
                List.of(ProxySpec.tcp("plainapp", ports.get(0), "127.0.0.1", GW.exApp().port())));
        try (TunnelClient c = FrpExApps.connect(GW, cfg)) {
            assertEquals(200, GW.get("/exapps/plainapp/x").statusCode());
        }
    }
}
