package io.harpoon.gateway.http;

/**
 * Every handler name of the gateway's pipelines, in order.
 *
 * <pre>
 * 8780 (HP_EXAPPS_ADDRESS), 8200 (control), client side:
 *   guard ─► codec ─► frontend
 * 8781 (HP_EXAPPS_HTTPS_ADDRESS), client side:
 *   tls ─► guard ─► codec ─► frontend
 * upstream (gateway → ExApp or engine):
 *   codec ─► idle ─► backend
 * after a 101 Switching Protocols, both sides:
 *   [tls] ─► idle ─► relay              (guard and codecs removed, raw bytes)
 * admin (HARPOON_ADMIN_ADDRESS):
 *   codec ─► aggregator ─► admin
 * </pre>
 *
 * The 8782 FRP listener belongs to the tunnel module.
 */
final class PipelineNames {
    static final String TLS = "tls";
    static final String GUARD = "guard";
    static final String CODEC = "codec";
    static final String FRONTEND = "frontend";
    static final String IDLE = "idle";
    static final String BACKEND = "backend";
    static final String RELAY = "relay";
    /** On in-process tunnel streams, between the tunnel's codecs and ours: see {@link DeferredRead}. */
    static final String DEFER_READ = "defer-read";
    static final String AGGREGATOR = "aggregator";
    static final String ADMIN = "admin";

    private PipelineNames() {
    }
}
