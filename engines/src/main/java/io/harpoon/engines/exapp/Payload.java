package io.harpoon.engines.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of control-API JSON with the error messages AppAPI's operators need. */
final class Payload {
    private Payload() {
    }

    static String requiredString(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new PayloadException(field + ": required non-empty string");
        }
        return n.asText();
    }

    static String optionalString(JsonNode body, String field, String dflt) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new PayloadException(field + ": expected a string");
        }
        return n.asText();
    }

    static boolean optionalBool(JsonNode body, String field, boolean dflt) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new PayloadException(field + ": expected true or false");
        }
        return n.asBoolean();
    }

    static List<String> stringList(JsonNode body, String field) {
        JsonNode n = body.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new PayloadException(field + ": expected a list of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new PayloadException(field + ": expected a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
