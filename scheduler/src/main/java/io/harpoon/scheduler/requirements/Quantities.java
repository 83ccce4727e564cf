package io.harpoon.scheduler.requirements;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses sizes and core counts the way Docker does: {@code 8g}, {@code 8G}, {@code 8GiB}, {@code 512m},
 * {@code 1073741824} (bytes); suffixes are binary (k = 1024) with or without {@code i} and {@code b}. Cores accept
 * decimals ({@code 2.5}).
 */
public final class Quantities {
    private Quantities() {
    }

    public static long bytes(String field, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.endsWith("i")) {
            v = v.substring(0, v.length() - 1);
        }
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                case 't' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) {
                v = v.substring(0, v.length() - 1).trim();
            }
        }
        try {
            BigDecimal n = new BigDecimal(v).multiply(BigDecimal.valueOf(mult));
            if (n.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return n.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: bytes or a size like 8GiB, 512m)");
        }
    }

    public static long millicores(String field, String value) {
        try {
            BigDecimal n = new BigDecimal(value.trim()).multiply(BigDecimal.valueOf(1000));
            if (n.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return n.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: cores, e.g. 4 or 2.5)");
        }
    }

    public static int count(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException("range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    public static boolean bool(String field, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException(field + ": " + value + " (expected: true or false)");
        };
    }
}
