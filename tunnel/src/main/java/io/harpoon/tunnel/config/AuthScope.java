package io.harpoon.tunnel.config;

/**
 * frp's {@code auth.additionalScopes} (spec/frp-wire.md §7.2): messages besides Login that must carry a valid
 * privilege key. HaRP configures none.
 */
public enum AuthScope {
    /** NewWorkConn carries {@code privilege_key} + {@code timestamp}; failure: StartWorkConn error, close. */
    NEW_WORK_CONNS("NewWorkConns"),
    /** Ping carries {@code privilege_key} + {@code timestamp}; failure: Pong error. */
    HEART_BEATS("HeartBeats");

    private final String frpName;

    AuthScope(String frpName) {
        this.frpName = frpName;
    }

    /** The name in frps' configuration. */
    public String frpName() {
        return frpName;
    }
}
