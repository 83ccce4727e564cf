package io.harpoon.gateway.exapp;

import static java.util.Objects.requireNonNull;

/** Result of {@code harp/user-info}: {@code {"user_id":"","access_level":0}} for anonymous (spec §9.3). */
public record UserInfo(String userId, AccessLevel level) {
    public static final UserInfo ANONYMOUS = new UserInfo("", AccessLevel.PUBLIC);

    public UserInfo {
        requireNonNull(userId, "userId");
        requireNonNull(level, "level");
    }
}
