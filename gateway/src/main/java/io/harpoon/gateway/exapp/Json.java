package io.harpoon.gateway.exapp;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one shared, thread-safe Jackson mapper of the gateway. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
