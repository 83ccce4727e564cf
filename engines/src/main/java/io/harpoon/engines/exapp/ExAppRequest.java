package io.harpoon.engines.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The fields every {@code /docker/exapp/*} body shares and the names derived from them (spec §8.5): container
 * {@code nc_app_[<instance_id>_]<name>[_<role_suffix>]}, volume {@code nc_app_[<instance_id>_]<name>_data}.
 */
public record ExAppRequest(String name, String instanceId, String roleSuffix, JsonNode body) {
    /** Docker's own container-name alphabet; also keeps names inside the pass-through whitelist pattern. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** @throws PayloadException when {@code name} is missing or not a valid container name part */
    public static ExAppRequest parse(JsonNode body) {
        String name = Payload.requiredString(body, "name");
        String instance = Payload.optionalString(body, "instance_id", "");
        String role = Payload.optionalString(body, "role_suffix", "");
        if (!NAME.matcher(name).matches() || !instance.isEmpty() && !NAME.matcher(instance).matches()
                || !role.isEmpty() && !NAME.matcher(role).matches()) {
            throw new PayloadException("name/instance_id/role_suffix must match [A-Za-z0-9][A-Za-z0-9_.-]*");
        }
        return new ExAppRequest(name, instance, role, body);
    }

    private String prefix() {
        return "nc_app_" + (instanceId.isEmpty() ? "" : instanceId + "_") + name;
    }

    public String container() {
        return prefix() + (roleSuffix.isEmpty() ? "" : "_" + roleSuffix);
    }

    public String volume() {
        return prefix() + "_data";
    }
}
