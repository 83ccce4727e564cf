package io.harpoon.tunnel.api;

import io.harpoon.tunnel.wire.FrpMessage;
import java.net.InetSocketAddress;

/**
 * The gateway's say in FRP logins (HaRP's {@code /frp_handler}, harp-contract.md §11.3), without an HTTP hop.
 * Implementations must be fast and non-blocking: they run on an event loop.
 */
public interface LoginHook {
    LoginHook ALLOW_ALL = new LoginHook() { };

    /** Called first; a non-null return rejects the login with that reason (e.g. "banned"). */
    default String check(InetSocketAddress client, FrpMessage.Login login) {
        return null;
    }

    /** A login failed after the hook (wrong key or shared key): count it for brute-force protection. */
    default void failed(InetSocketAddress client, String reason) {
    }

    default void succeeded(InetSocketAddress client, String runId) {
    }
}
