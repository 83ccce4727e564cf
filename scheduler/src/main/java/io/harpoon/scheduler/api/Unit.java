package io.harpoon.scheduler.api;

/** Unit of a {@link Reason}'s numbers, so explanations print "8 GiB" and "10 cores". */
public enum Unit {
    NONE,
    BYTES,
    MILLICORES,
    COUNT;

    public String format(long v) {
        return switch (this) {
            case NONE -> "";
            case BYTES -> Sizes.bytes(v);
            case MILLICORES -> Sizes.cores(v);
            case COUNT -> Long.toString(v);
        };
    }
}
