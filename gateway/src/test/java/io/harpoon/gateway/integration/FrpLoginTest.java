package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.FrpExApps;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FRP logins against the gateway's brute-force state (spec §11.3, §10.2): a wrong {@code metas.token} counts as a
 * failure of the frpc's address, a banned address is refused with {@code banned} even with the right key, and the
 * tunnel's meters appear on the admin {@code /metrics} next to the gateway's.
 */
class FrpLoginTest {
    /** Two failures ban; the remote port is never bound, so any free-looking one in the range will do. */
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_BLACKLIST_COUNT", "2")
            .builtInTunnel(UnaryOperator.identity());
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A client that does not retry within the test, so each start is exactly one login attempt. */
    private static TunnelClientConfig client(String key) throws Exception {
        return FrpExApps.config(GW, key, "loginapp", 23999, GW.exApp().port())
                .withBackoff(Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    private static String refusal(String key) throws Exception {
        try (TunnelClient c = new TunnelClient(client(key))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.start().get(20, TimeUnit.SECONDS));
            return e.getCause().getMessage();
        }
    }

    private static String metrics() throws Exception {
        HttpResponse<String> r = GW.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + GW.gateway().adminAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void wrongTokensCountAsFailuresAndBannedAddressesAreRefused() throws Exception {
        try (TunnelClient ok = new TunnelClient(client(GatewayExtension.KEY))) {
            assertFalse(ok.start().get(20, TimeUnit.SECONDS).isEmpty(), "the shared key logs in");
        }
        String scrape = metrics();
        assertTrue(scrape.contains("harpoon_tunnel_sessions"), "tunnel meters on /metrics");
        assertTrue(scrape.contains("harpoon_tunnel_clients"), "tunnel meters on /metrics");
        assertEquals(0, value(scrape, "harpoon_gateway_failures_total"));

        assertTrue(refusal("wrong-key").contains("invalid metas.token"));
        scrape = metrics();
        assertEquals(1, value(scrape, "harpoon_gateway_failures_total"), "a wrong token is a brute-force failure");
        assertEquals(1, value(scrape, "harpoon_tunnel_login_failures_total{reason=\"shared_key\"}"), scrape);
        assertFalse(GW.gateway().bans().isBanned(LOOPBACK), "one failure of two");

        refusal("still-wrong");
        assertTrue(GW.gateway().bans().isBanned(LOOPBACK), "HP_BLACKLIST_COUNT failures ban the address");

        assertTrue(refusal(GatewayExtension.KEY).contains("banned"), "banned even with the right key");
        scrape = metrics();
        assertEquals(1, value(scrape, "harpoon_tunnel_login_failures_total{reason=\"rejected\"}"), scrape);
        assertEquals(2, value(scrape, "harpoon_gateway_failures_total"), "a refused ban is not another failure");
        assertTrue(GW.gateway().tunnelServer().orElseThrow().runIds().isEmpty(), "no client stays logged in");
    }
}
