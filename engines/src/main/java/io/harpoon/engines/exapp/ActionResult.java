package io.harpoon.engines.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The HTTP answer of one {@code /docker/exapp/*} action: status, content type, body. */
public record ActionResult(int status, String contentType, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();

    public ActionResult {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
    }

    public static ActionResult text(int status, String text) {
        return new ActionResult(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    public static ActionResult json(int status, ObjectNode json) {
        return new ActionResult(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ActionResult noContent() {
        return new ActionResult(204, "text/plain", new byte[0]);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
