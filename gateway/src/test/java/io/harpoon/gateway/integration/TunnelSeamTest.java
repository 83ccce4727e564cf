package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.gateway.testing.GatewayExtension;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code TunnelStreams} seam with a stand-in tunnel whose listeners are the test ExApp: FRP-mode ExApps
 * (127.0.0.1:23001) and the Docker pass-through (docker-engine-port 24000) reach it; unknown ports stay 503.
 */
class TunnelSeamTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().tunnel(g -> port ->
            port == 23001 || port == 24000
                    ? Optional.of(new InetSocketAddress("127.0.0.1", g.exApp().port())) : Optional.empty());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void frpModeExAppGoesThroughTheTunnel() throws Exception {
        var r = GW.get("/exapps/frpapp/anything?x=1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("/anything?x=1", body.get("uri").asText());
        assertEquals("frpapp", body.get("headers").get("ex-app-id").asText());
    }

    @Test
    void dockerPassThroughKeepsPathAndAuthButStripsSecrets() throws Exception {
        var r = GW.get("/exapps/app_api/v1.44/containers/nc_app_foo/json?all=1", "harp-shared-key",
                GatewayExtension.KEY, "docker-engine-port", "24000", "Authorization", "Basic YXBwX2FwaTprZXk=",
                "ex-app-host", "h", "ex-app-port", "1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("/v1.44/containers/nc_app_foo/json?all=1", body.get("uri").asText());
        JsonNode h = body.get("headers");
        assertEquals("Basic YXBwX2FwaTprZXk=", h.get("authorization").asText(), "§8.1: reaches the engine");
        assertEquals("24000", h.get("docker-engine-port").asText());
        assertNull(h.get("harp-shared-key"), "Q3");
        assertNull(h.get("ex-app-host"));
        assertNull(h.get("aa-version"), "no ExApp headers toward engines");
    }

    @Test
    void engineWithoutTunnelIs503() throws Exception {
        assertEquals(503, GW.get("/exapps/app_api/v1.44/_ping", "harp-shared-key", GatewayExtension.KEY,
                "docker-engine-port", "24007").statusCode());
    }
}
