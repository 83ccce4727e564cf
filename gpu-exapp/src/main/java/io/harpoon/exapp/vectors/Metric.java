package io.harpoon.exapp.vectors;

import java.util.Locale;

/** How a query is scored against a vector. */
public enum Metric {
    /** {@code q . v / (|q| |v|)}; 0 when either is the zero vector. */
    COSINE("cosine"),
    /** {@code q . v}. */
    INNER_PRODUCT("inner_product");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Metric parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.wireName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("metric: " + name + " (expected: cosine or inner_product)");
    }
}
