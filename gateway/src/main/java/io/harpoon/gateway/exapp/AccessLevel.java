package io.harpoon.gateway.exapp;

/** Route and user access levels, numbered as in AppAPI ({@code 0} public, {@code 1} user, {@code 2} admin). */
public enum AccessLevel {
    PUBLIC,
    USER,
    ADMIN;

    public static AccessLevel of(int level) {
        if (level <= 0) {
            return PUBLIC;
        }
        return level == 1 ? USER : ADMIN;
    }
}
