package io.harpoon.gateway.config;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Parsers for HaRP-style environment values. Every parser strips surrounding quotes first (HaRP PR #83, #108:
 * compose files often quote values, and typographic quotes slip in from copied documentation).
 */
public final class EnvValues {
    private EnvValues() {
    }

    /** Removes whitespace and any number of surrounding ASCII or typographic quote characters. */
    public static String stripQuotes(String raw) {
        String s = raw.strip();
        int start = 0;
        int end = s.length();
        while (start < end && isQuote(s.charAt(start))) {
            start++;
        }
        while (end > start && isQuote(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end).strip();
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019';
    }

    /**
     * HAProxy time syntax: an integer with optional unit {@code us ms s m h d}; a bare number is milliseconds.
     *
     * @return milliseconds (microseconds are rounded up so that a non-zero value never becomes zero)
     */
    public static long durationMillis(String name, String raw) {
        String s = stripQuotes(raw).toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new ConfigException(name + ": " + raw + " (expected: integer with optional unit us, ms, s, m, h, d)");
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i)) {
            case "us" -> (n + 999) / 1000;
            case "", "ms" -> n;
            case "s" -> n * 1000L;
            case "m" -> n * 60_000L;
            case "h" -> n * 3_600_000L;
            case "d" -> n * 86_400_000L;
            default -> throw new ConfigException(
                    name + ": " + raw + " (expected: integer with optional unit us, ms, s, m, h, d)");
        };
    }

    /** {@code ip:port}, {@code host:port} or {@code [v6]:port}; port 0 allowed (tests bind ephemeral ports). */
    public static InetSocketAddress address(String name, String raw) {
        String s = stripQuotes(raw);
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new ConfigException(name + ": " + raw + " (expected: ip:port)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new ConfigException(name + ": " + raw + " (expected: ip:port, IPv6 as [addr]:port)");
        }
        int port = integer(name, s.substring(colon + 1), 0, 65535);
        return InetSocketAddress.createUnresolved(host, port);
    }

    public static int integer(String name, String raw, int min, int max) {
        String s = stripQuotes(raw);
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new ConfigException(name + ": " + raw + " (expected: integer " + min + ".." + max + ")");
    }

    public static double decimal(String name, String raw, double min, double max) {
        String s = stripQuotes(raw);
        try {
            double v = Double.parseDouble(s);
            if (v >= min && v <= max && !Double.isNaN(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new ConfigException(name + ": " + raw + " (expected: number " + min + ".." + max + ")");
    }

    /** HaRP booleans: {@code 1}, {@code true}, {@code yes} (any case) are true; {@code 0/false/no} false. */
    public static boolean bool(String name, String raw) {
        return switch (stripQuotes(raw).toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> throw new ConfigException(name + ": " + raw + " (expected: true or false)");
        };
    }
}
