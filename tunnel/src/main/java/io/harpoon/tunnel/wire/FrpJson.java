package io.harpoon.tunnel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * JSON bodies with Go {@code encoding/json} rules (spec/frp-wire.md §6.2): fields in declaration order, empty values
 * dropped ({@code omitempty}), keys matched case-insensitively, unknown keys ignored.
 */
public final class FrpJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT,
                    JsonInclude.Include.NON_DEFAULT))
            .build();

    private FrpJson() {
    }

    public static byte[] write(FrpMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.type(), e);
        }
    }

    /** Parses a body; throws {@link IOException} for anything that is not a JSON object of that record. */
    public static FrpMessage read(FrpMessageType type, byte[] json) throws IOException {
        return MAPPER.readValue(json, type.recordClass());
    }
}
