package io.harpoon.gateway.config;

/**
 * Invalid gateway configuration. The message names the variable, the offending value (never a secret) and what
 * was expected; {@code harpoon gateway} prints it as the single line before exiting non-zero.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
