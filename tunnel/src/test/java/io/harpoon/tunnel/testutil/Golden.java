package io.harpoon.tunnel.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a vector from {@code src/test/resources/golden/}: hex with {@code #} comments, plus {@code json:} lines taken
 * verbatim as UTF-8. Each folder's SOURCE.md names the spec section the vectors come from.
 */
public final class Golden {
    private Golden() {
    }

    public static byte[] load(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("golden vector missing: " + path);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("json:")) {
                    out.writeBytes(line.substring(5).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.writeBytes(Hex.bytes(line.trim()));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
