package io.harpoon.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.config.SharedKey;
import io.harpoon.gateway.config.TrustedProxies;
import io.harpoon.gateway.exapp.ExAppRecord;
import io.harpoon.gateway.exapp.Json;
import io.harpoon.gateway.exapp.MetadataStore;
import io.harpoon.gateway.exapp.StandaloneNextcloud;
import io.harpoon.gateway.exapp.UserLookup;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.security.ClientAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision logic without sockets: §16 Q2 method check option and the Docker whitelist table of §8.3. */
class RouterTest {
    private static Router router(boolean methodCheck) throws Exception {
        ExAppRecord rec = ExAppRecord.fromJson(Json.MAPPER.readTree("{\"exapp_token\":\"t\",\"exapp_version\":\"1\","
                + "\"host\":\"127.0.0.1\",\"port\":9,\"routes\":[{\"url\":\"^/api\",\"access_level\":0,"
                + "\"verb\":\"get, Post\",\"bruteforce_protection\":\"[401]\"}]}"));
        StandaloneNextcloud nc = new StandaloneNextcloud(Map.of("app", rec));
        BanList bans = new BanList(100, Duration.ofMinutes(5), System::nanoTime);
        return new Router(SharedKey.of("k"), new ClientAddresses(TrustedProxies.parse("")), bans,
                new MetadataStore(nc, System::nanoTime), new UserLookup(nc, Duration.ofSeconds(3), System::nanoTime),
                false, methodCheck);
    }

    private static Decision decide(Router r, String method) throws Exception {
        return r.decide(new ExAppRequest(method, "/exapps/app/api/x", "", Map.of(),
                InetAddress.getLoopbackAddress())).join();
    }

    @Test
    void methodIsIgnoredByDefaultAsHaRPDoes() throws Exception {
        assertInstanceOf(Decision.Forward.class, decide(router(false), "DELETE"));
    }

    @Test
    void methodCheckOptionEnforcesVerbCaseInsensitively() throws Exception {
        Router r = router(true);
        assertEquals(403, assertInstanceOf(Decision.Respond.class, decide(r, "DELETE")).status());
        Decision.Forward f = assertInstanceOf(Decision.Forward.class, decide(r, "POST"));
        assertEquals(java.util.List.of(401), f.bruteforceStatuses(), "JSON-string bruteforce list is parsed");
    }

    @Test
    void dockerWhitelistTable() {
        assertTrue(DockerWhitelist.allowed("GET", "/v1.44/_ping"));
        assertTrue(DockerWhitelist.allowed("HEAD", "/_ping"));
        assertTrue(DockerWhitelist.allowed("GET", "/v1.41.1/images/ghcr.io%2Fnextcloud%2Fapp:1/json"));
        assertTrue(DockerWhitelist.allowed("GET", "/containers/NC_APP_x.y-z/logs"));
        assertTrue(DockerWhitelist.allowed("POST", "/v1.44/images/create"));
        assertFalse(DockerWhitelist.allowed("GET", "/v1.44/_ping/x"));
        assertFalse(DockerWhitelist.allowed("POST", "/v1.44/containers/nc_app_x/start"));
        assertFalse(DockerWhitelist.allowed("GET", "/v1.44/containers/json"));
        assertFalse(DockerWhitelist.allowed("PUT", "/v1.44/images/create"));
    }

    @Test
    void pathRules() {
        assertEquals(new Paths.Split("App", "/"), Paths.split("/exapps/App").orElseThrow());
        assertEquals(new Paths.Split("a", "/b/c"), Paths.split("/x/exapps/a/b/c").orElseThrow());
        assertTrue(Paths.split("/exapps/").isEmpty());
        assertFalse(Paths.hasDotDotSegment("/exapps/a/..b/c.."));
        assertTrue(Paths.hasDotDotSegment("/exapps/a/%2E%2e"));
    }
}
