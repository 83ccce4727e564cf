package io.harpoon.exapp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** spec/exapp-contract.md §4.2, check by check. */
class AppApiAuthTest {
    private static final String SECRET = "s3cr:et-with-colon";
    private final AppApiAuth auth = new AppApiAuth("vectors", SECRET);

    private AuthResult verify(String id, String version, String authorization) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (id != null) {
            h.put("ex-app-id", id);
        }
        if (version != null) {
            h.put("ex-app-version", version);
        }
        if (authorization != null) {
            h.put("authorization-app-api", authorization);
        }
        return auth.verify(h::get);
    }

    @Test
    void acceptsUserAndSystemCalls() {
        AuthResult user = verify("vectors", "1.0.0", AppApiAuth.authorizationValue("alice", SECRET));
        assertEquals(new AuthResult.Accepted("alice"), user);
        AuthResult system = verify("vectors", "1.0.0", AppApiAuth.authorizationValue("", SECRET));
        assertEquals(new AuthResult.Accepted(""), system, "empty user id: system, lifecycle and CLI calls");
    }

    @Test
    void splitsAtTheFirstColonSoSecretsMayContainColons() {
        assertEquals(new AuthResult.Accepted("bob"), verify("vectors", "1", AppApiAuth.authorizationValue("bob", SECRET)));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1", AppApiAuth.authorizationValue("bob", "et-with-colon")));
    }

    @Test
    void rejectsMissingEmptyWrong() {
        String good = AppApiAuth.authorizationValue("", SECRET);
        assertInstanceOf(AuthResult.Rejected.class, verify(null, "1", good));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", null, good));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "", good));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1", null));
        assertInstanceOf(AuthResult.Rejected.class, verify("other", "1", good));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1", AppApiAuth.authorizationValue("", SECRET + "x")));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1", AppApiAuth.authorizationValue("", "")));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1", "%%% not base64"));
        assertInstanceOf(AuthResult.Rejected.class, verify("vectors", "1",
                java.util.Base64.getEncoder().encodeToString(SECRET.replace(":", "").getBytes())));
    }

    @Test
    void reasonsNeverEchoValues() {
        AuthResult r = verify("vectors", "1", AppApiAuth.authorizationValue("", "guess-" + SECRET));
        String reason = ((AuthResult.Rejected) r).reason();
        assertFalse(reason.contains(SECRET) || reason.contains("guess"), reason);
    }

    @Test
    void emptySecretIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new AppApiAuth("vectors", ""));
    }
}
