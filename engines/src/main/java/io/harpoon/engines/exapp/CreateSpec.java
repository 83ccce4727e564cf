package io.harpoon.engines.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code /docker/exapp/create} body (spec §8.4). Unknown keys ({@code start_container}...) are ignored.
 *
 * @param memoryBytes {@code resource_limits.memory}, 0 = unlimited
 * @param nanoCpus {@code resource_limits.nanoCPUs}, 0 = unlimited
 */
public record CreateSpec(ExAppRequest request, String image, String networkMode, List<String> env,
        String restartPolicy, String computeDevice, List<MountPoint> mounts, long memoryBytes, long nanoCpus) {

    /** An admin bind mount ({@code mount_points[]}). */
    public record MountPoint(String source, String target, boolean readOnly) {
    }

    public CreateSpec {
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    public static CreateSpec parse(JsonNode body) {
        ExAppRequest r = ExAppRequest.parse(body);
        String image = body.hasNonNull("image_id") ? Payload.requiredString(body, "image_id")
                : Payload.requiredString(body, "image");
        String net = Payload.optionalString(body, "network_mode", "bridge");
        List<String> env = Payload.stringList(body, "environment_variables");
        for (String e : env) {
            if (!e.contains("=") || e.startsWith("=")) {
                throw new PayloadException("environment_variables: \"" + e.split("=", 2)[0]
                        + "...\" is not KEY=VALUE");
            }
        }
        String restart = Payload.optionalString(body, "restart_policy", "unless-stopped");
        String device = Payload.optionalString(body, "compute_device", "cpu").toLowerCase(Locale.ROOT);
        if (!List.of("cpu", "cuda", "rocm").contains(device)) {
            throw new PayloadException("compute_device: " + device + " (expected: cpu, cuda or rocm)");
        }
        List<MountPoint> mounts = new ArrayList<>();
        JsonNode mp = body.get("mount_points");
        if (mp != null && !mp.isNull()) {
            if (!mp.isArray()) {
                throw new PayloadException("mount_points: expected a list of {source, target, mode}");
            }
            for (JsonNode m : mp) {
                String mode = Payload.optionalString(m, "mode", "rw");
                if (!mode.equals("rw") && !mode.equals("ro")) {
                    throw new PayloadException("mount_points.mode: " + mode + " (expected: rw or ro)");
                }
                mounts.add(new MountPoint(Payload.requiredString(m, "source"), Payload.requiredString(m, "target"),
                        mode.equals("ro")));
            }
        }
        JsonNode limits = body.path("resource_limits");
        long memory = nonNegative(limits, "memory");
        long cpus = nonNegative(limits, "nanoCPUs");
        return new CreateSpec(r, image, net, env, restart, device, mounts, memory, cpus);
    }

    private static long nonNegative(JsonNode limits, String field) {
        JsonNode n = limits.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || n.asLong() < 0) {
            throw new PayloadException("resource_limits." + field + ": expected a non-negative integer");
        }
        return n.asLong();
    }
}
