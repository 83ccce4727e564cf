package io.harpoon.scheduler.explain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.scheduler.api.Explanation;

/**
 * JSON form of an {@link Explanation}: the same object the store keeps, {@code harpoon placements --json} prints
 * and the pool's 503 body can carry ({@code {"summary": "0/7 engines fit: ...", "verdicts": [...], ...}}).
 * Field names are the record component names.
 */
public final class ExplanationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplanationJson() {
    }

    public static String write(Explanation e) {
        requireNonNull(e, "e");
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("explanation: not serializable", x);
        }
    }

    public static Explanation read(String json) {
        requireNonNull(json, "json");
        try {
            return JSON.readValue(json, Explanation.class);
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("explanation: " + x.getOriginalMessage()
                    + " (expected: JSON written by ExplanationJson.write)", x);
        }
    }
}
