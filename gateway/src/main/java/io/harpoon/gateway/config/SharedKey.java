package io.harpoon.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The single secret of a deployment (spec §4.2). {@link #toString()} never shows it; compare with
 * {@link #matches(String)}, which is constant-time (§16 Q20).
 *
 * @param generatedFile set when Harpoon generated the key in standalone mode (to print it once)
 */
public record SharedKey(String value, Optional<Path> generatedFile) {
    /** Name of the generated key file under {@code HARPOON_DATA_DIR}. */
    public static final String FILE_NAME = "shared-key";

    public SharedKey {
        validate("HP_SHARED_KEY", value);
    }

    public static SharedKey of(String value) {
        return new SharedKey(value, Optional.empty());
    }

    static SharedKey resolve(Optional<String> key, Optional<String> file, boolean standalone, Path dataDir) {
        if (key.isPresent() && file.isPresent()) {
            throw new ConfigException("HP_SHARED_KEY and HP_SHARED_KEY_FILE are both set (expected: exactly one)");
        }
        if (key.isPresent()) {
            return of(EnvValues.stripQuotes(key.get()));
        }
        if (file.isPresent()) {
            Path p = Path.of(EnvValues.stripQuotes(file.get()));
            try {
                String content = Files.readString(p, StandardCharsets.UTF_8);
                return new SharedKey(validated("HP_SHARED_KEY_FILE", EnvValues.stripQuotes(content)), Optional.empty());
            } catch (IOException e) {
                throw new ConfigException("HP_SHARED_KEY_FILE: " + p + " (expected: a readable file: " + e + ")");
            }
        }
        if (!standalone) {
            throw new ConfigException(
                    "HP_SHARED_KEY: unset (expected: exactly one of HP_SHARED_KEY or HP_SHARED_KEY_FILE)");
        }
        return generateOrLoad(dataDir);
    }

    private static SharedKey generateOrLoad(Path dataDir) {
        Path p = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(p)) {
                return of(validated("HARPOON_DATA_DIR/" + FILE_NAME, Files.readString(p).strip()));
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createDirectories(dataDir);
            Files.writeString(p, value + "\n");
            try {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // non-POSIX file system: nothing more to do
            }
            return new SharedKey(value, Optional.of(p));
        } catch (IOException e) {
            throw new ConfigException("HARPOON_DATA_DIR: " + dataDir + " (expected: writable directory: " + e + ")");
        }
    }

    private static String validated(String name, String v) {
        validate(name, v);
        return v;
    }

    private static void validate(String name, String v) {
        if (v == null || v.isEmpty()) {
            throw new ConfigException(name + ": empty (expected: non-empty printable ASCII)");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new ConfigException(name + ": character at index " + i
                        + " is not printable ASCII (expected: 0x20-0x7E only)");
            }
            if (c == '"' || c == '\\') {
                throw new ConfigException(name + ": contains " + c + " at index " + i
                        + " (expected: no double quote or backslash, HaRP PR #104)");
            }
        }
    }

    /** Constant-time comparison; {@code null} never matches. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SharedKey[***]";
    }
}
