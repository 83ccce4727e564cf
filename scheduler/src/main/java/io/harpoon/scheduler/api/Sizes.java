package io.harpoon.scheduler.api;

import java.util.Locale;

/** Byte and core arithmetic shared by the model and the explanations. */
public final class Sizes {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * KIB;
    public static final long GIB = 1024L * MIB;

    private Sizes() {
    }

    public static long gib(long n) {
        return Math.multiplyExact(n, GIB);
    }

    public static long mib(long n) {
        return Math.multiplyExact(n, MIB);
    }

    /** "8 GiB", "7.5 GiB", "800 MiB": integral when exact, else one decimal. */
    public static String bytes(long b) {
        if (b >= GIB || b == 0) {
            return scaled(b, GIB, "GiB");
        }
        if (b >= MIB) {
            return scaled(b, MIB, "MiB");
        }
        return b + " B";
    }

    /** "10 cores", "0.5 cores". */
    public static String cores(long millis) {
        return scaled(millis, 1000, millis == 1000 ? "core" : "cores");
    }

    private static String scaled(long v, long unit, String name) {
        if (v % unit == 0) {
            return (v / unit) + " " + name;
        }
        return String.format(Locale.ROOT, "%.1f %s", (double) v / unit, name);
    }
}
