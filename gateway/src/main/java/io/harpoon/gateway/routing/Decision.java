package io.harpoon.gateway.routing;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.upstream.ExAppTarget;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What to do with one request (spec §6.1): drop, answer locally, run a control call, or forward. */
public sealed interface Decision {
    /** Silent drop: close without writing a byte (§16 Q15). */
    record Drop(String reason) implements Decision {
    }

    /** A local response. */
    record Respond(int status, String contentType, byte[] body) implements Decision {
        public Respond {
            requireNonNull(contentType, "contentType");
            requireNonNull(body, "body");
        }

        public static Respond text(int status, String body) {
            return new Respond(status, "text/plain", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Respond json(int status, String json) {
            return new Respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A control-plane call that needs the request body first (§8.4). */
    record Control(String method, String path, String query, Map<String, String> headers, InetAddress client)
            implements Decision {
    }

    /**
     * Forward to an upstream.
     *
     * @param appId lower-cased app id (metrics), or {@code app_api} for the Docker pass-through
     * @param targetUri path plus {@code ?query} as sent upstream
     * @param setHeaders headers to set (replacing any client value)
     * @param removeHeaders lower-cased header names to remove
     * @param bruteforceStatuses response statuses that record a failure against {@code client}
     */
    record Forward(String appId, ExAppTarget target, String targetUri, Map<String, String> setHeaders,
            Set<String> removeHeaders, List<Integer> bruteforceStatuses, InetAddress client) implements Decision {
        public Forward {
            requireNonNull(target, "target");
            setHeaders = Map.copyOf(setHeaders);
            removeHeaders = Set.copyOf(removeHeaders);
            bruteforceStatuses = List.copyOf(bruteforceStatuses);
        }
    }
}
