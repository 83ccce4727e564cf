package io.harpoon.gateway.security;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.config.SharedKey;
import java.net.InetAddress;

/**
 * The FRP login rule of spec §11.3, without the HTTP hop: a banned client is rejected with reason
 * {@code banned}; a token equal to the shared key (constant time) is accepted; anything else records a failure.
 * Used by {@code /frp_handler} and meant for the built-in tunnel server's login hook.
 */
public final class FrpLogins {
    /** Outcome of one login attempt. */
    public enum Verdict { ACCEPT, BANNED, BAD_TOKEN }

    private final SharedKey key;
    private final BanList bans;

    public FrpLogins(SharedKey key, BanList bans) {
        this.key = requireNonNull(key, "key");
        this.bans = requireNonNull(bans, "bans");
    }

    /** @param client the frpc's address ({@code null} when it could not be parsed: no ban bookkeeping) */
    public Verdict check(InetAddress client, String token) {
        if (client != null && bans.isBanned(client)) {
            return Verdict.BANNED;
        }
        if (key.matches(token)) {
            return Verdict.ACCEPT;
        }
        if (client != null) {
            bans.recordFailure(client);
        }
        return Verdict.BAD_TOKEN;
    }
}
