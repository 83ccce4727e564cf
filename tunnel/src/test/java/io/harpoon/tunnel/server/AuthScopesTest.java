package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.tunnel.config.AuthScope;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.wire.FrpMessage;
import java.net.Socket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** frps' additional auth scopes (spec/frp-wire.md §7.2): checked only when configured. */
class AuthScopesTest {

    @Test
    void newWorkConnsScopeChecksTheKey() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false)
                .withAuthScopes(Set.of(AuthScope.NEW_WORK_CONNS)));
                RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
            String runId = c.loginAndWarm(null, 1);
            c.workConn(3, runId); // no key
            FrpMessage.StartWorkConn refused = (FrpMessage.StartWorkConn) c.readFrp(3);
            assertFalse(refused.error().isEmpty());
            FrpMessage.NewProxyResp r = c.newProxy("app1", 0);
            assertNull(r.error());
            c.syn(5);
            c.sendFrp(5, new FrpMessage.NewWorkConn(runId, FrpAuth.privilegeKey("", 1700000123L), 1700000123L));
            try (Socket user = new Socket("127.0.0.1", Integer.parseInt(r.remoteAddr().substring(1)))) {
                FrpMessage.StartWorkConn ok = (FrpMessage.StartWorkConn) c.readFrp(5);
                assertNull(ok.error());
                assertEquals("app1", ok.proxyName());
            }
        }
    }

    @Test
    void heartBeatsScopeChecksTheKey() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false)
                .withAuthScopes(Set.of(AuthScope.HEART_BEATS)));
                RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
            c.loginAndWarm(null, 1);
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            FrpMessage.Pong bad = (FrpMessage.Pong) c.readControl(1);
            assertTrue(bad.error() != null && !bad.error().isEmpty());
            c.sendControl(1, new FrpMessage.Ping(FrpAuth.privilegeKey("", 42), 42));
            assertEquals(new FrpMessage.Pong(null), c.readControl(1));
        }
    }

    @Test
    void scopesOffByDefault() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                RawFrpc c = RawFrpc.plain(server.localAddress(), true)) {
            c.loginAndWarm(null, 1);
            c.sendControl(1, new FrpMessage.Ping(null, 0));
            assertEquals(new FrpMessage.Pong(null), c.readControl(1));
        }
    }
}
