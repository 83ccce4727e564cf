package io.harpoon.gateway.security;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.api.LoginHook;
import io.harpoon.tunnel.wire.FrpMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The built-in FRP server's login hook: HaRP's {@code /frp_handler} rules (spec §11.3) without the HTTP hop. A
 * banned address is rejected with reason {@code banned} before any key is looked at; a login the tunnel fails for a
 * wrong privilege key or {@code metas.token} counts as one brute-force failure of that address (§10.2), in the same
 * {@link BanList} the HTTP side uses. The token comparison itself is the tunnel's ({@code metas.token} = shared key).
 */
public final class FrpLoginHook implements LoginHook {
    /** The reject reason frpc receives, as HaRP's agent sends it. */
    public static final String BANNED = "banned";

    private final BanList bans;

    public FrpLoginHook(BanList bans) {
        this.bans = requireNonNull(bans, "bans");
    }

    @Override
    public String check(InetSocketAddress client, FrpMessage.Login login) {
        InetAddress ip = client == null ? null : client.getAddress();
        return ip != null && bans.isBanned(ip) ? BANNED : null;
    }

    @Override
    public void failed(InetSocketAddress client, String reason) {
        InetAddress ip = client == null ? null : client.getAddress();
        if (ip != null) {
            bans.recordFailure(ip);
        }
    }
}
