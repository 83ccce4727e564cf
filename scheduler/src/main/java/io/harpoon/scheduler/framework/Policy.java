package io.harpoon.scheduler.framework;

/**
 * Where to put work when several engines fit. SPREAD keeps headroom everywhere (latency, failure blast radius);
 * PACK fills engines and GPUs first so large holes stay free for large models (and idle hosts can sleep).
 */
public enum Policy {
    SPREAD,
    PACK
}
