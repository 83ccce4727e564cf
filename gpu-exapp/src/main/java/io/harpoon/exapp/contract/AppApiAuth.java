package io.harpoon.exapp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Verifies AppAPI's request signature (spec/exapp-contract.md §4.2) on everything but {@code /heartbeat}:
 *
 * <ol>
 *   <li>{@code EX-APP-ID}, {@code EX-APP-VERSION} and {@code AUTHORIZATION-APP-API} present and non-empty;</li>
 *   <li>{@code EX-APP-ID} equals {@code APP_ID};</li>
 *   <li>{@code AUTHORIZATION-APP-API} = base64("&lt;userid&gt;:&lt;secret&gt;"), split at the first colon; the
 *       secret must equal {@code APP_SECRET}; the user id may be empty.</li>
 * </ol>
 *
 * {@code AA-VERSION} is not checked (HaRP overwrites it with 32). The secret comparison is constant-time and
 * independent of the secret's length: both sides are hashed with SHA-256 and compared with
 * {@link MessageDigest#isEqual}. Reasons name the failing check, never a header value.
 */
public final class AppApiAuth {
    public static final String APP_ID = "EX-APP-ID";
    public static final String APP_VERSION = "EX-APP-VERSION";
    public static final String AUTHORIZATION = "AUTHORIZATION-APP-API";

    private final String appId;
    private final byte[] secretDigest;

    public AppApiAuth(String appId, String secret) {
        this.appId = requireNonNull(appId, "appId");
        requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("APP_SECRET: empty (expected: the secret AppAPI generated)");
        }
        this.secretDigest = sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param header looks a header up by name (case-insensitive), null when absent
     */
    public AuthResult verify(UnaryOperator<String> header) {
        String id = header.apply(APP_ID);
        String version = header.apply(APP_VERSION);
        String auth = header.apply(AUTHORIZATION);
        if (isEmpty(id) || isEmpty(version) || isEmpty(auth)) {
            return new AuthResult.Rejected("missing AppAPI headers (expected: EX-APP-ID, EX-APP-VERSION, "
                    + "AUTHORIZATION-APP-API)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(auth.trim());
        } catch (IllegalArgumentException e) {
            return new AuthResult.Rejected("AUTHORIZATION-APP-API is not base64");
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return new AuthResult.Rejected("AUTHORIZATION-APP-API has no user:secret pair");
        }
        byte[] given = new byte[decoded.length - colon - 1];
        System.arraycopy(decoded, colon + 1, given, 0, given.length);
        // Compare the secret before the app id so the timing does not tell which check failed first.
        boolean secretOk = MessageDigest.isEqual(secretDigest, sha256(given));
        boolean idOk = appId.equals(id);
        if (!secretOk || !idOk) {
            return new AuthResult.Rejected(idOk ? "invalid AppAPI secret" : "EX-APP-ID does not match this app");
        }
        return new AuthResult.Accepted(new String(decoded, 0, colon, StandardCharsets.UTF_8));
    }

    /** The header value for calls to Nextcloud: base64("&lt;userId&gt;:&lt;secret&gt;"). */
    public static String authorizationValue(String userId, String secret) {
        return Base64.getEncoder().encodeToString((userId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
