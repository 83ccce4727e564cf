package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;

/** A JSON answer, decided by the handler or {@link VectorApi}, written by the handler. */
record Reply(HttpResponseStatus status, JsonNode body) {
    static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        requireNonNull(status, "status");
        requireNonNull(body, "body");
    }

    static Reply ok(JsonNode body) {
        return new Reply(HttpResponseStatus.OK, body);
    }

    /** {@code {"error": message}}: AppAPI's and this API's error shape. */
    static Reply error(HttpResponseStatus status, String message) {
        return new Reply(status, JSON.createObjectNode().put("error", message));
    }
}
