package io.harpoon.engines.exapp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker_exapp_create} (spec §8.5): volume if missing, then one container with HaRP's exact shape. On any
 * failure after something was created, it is removed again (container, and the volume when this call made it), so
 * a failed create leaves nothing behind and AppAPI's retry starts clean.
 *
 * <pre>
 *  inspect container ─(exists)─► 409
 *  inspect volume ─(404)─► create volume            create container ─(fails)─► rm -f container, rm volume if new
 * </pre>
 */
final class ContainerCreator {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerCreator.class);

    private ContainerCreator() {
    }

    /** @param pins devices chosen by the scheduler; {@link DevicePins#NONE} = HaRP's "all GPUs" */
    static ActionResult create(DockerClient d, CreateSpec spec, DevicePins pins) {
        return create(d, spec, pins, item -> { });
    }

    /** @param deferred receives what could not be removed after a failure (the engine went away) */
    static ActionResult create(DockerClient d, CreateSpec spec, DevicePins pins,
            java.util.function.Consumer<PendingCleanups.Item> deferred) {
        String container = spec.request().container();
        String volume = spec.request().volume();
        try {
            d.inspectContainerCmd(container).exec();
            return ActionResult.text(409, "Container " + container + " already exists");
        } catch (NotFoundException expected) {
            // the normal case
        }
        boolean newVolume = false;
        try {
            d.inspectVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            d.createVolumeCmd().withName(volume).exec();
            newVolume = true;
        }
        try {
            CreateContainerResponse r = command(d, spec, pins).exec();
            var out = ActionResult.object().put("id", r.getId()).put("name", container);
            return ActionResult.json(201, out);
        } catch (RuntimeException e) {
            java.time.Instant failedAt = java.time.Instant.now();
            if (!cleanUp(d, container, newVolume ? volume : null)) {
                deferred.accept(new PendingCleanups.Item(container, newVolume ? volume : null, failedAt));
            }
            throw e;
        }
    }

    static CreateContainerCmd command(DockerClient d, CreateSpec spec, DevicePins pins) {
        String volume = spec.request().volume();
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/" + volume));
        for (CreateSpec.MountPoint m : spec.mounts()) {
            mounts.add(new Mount().withType(MountType.BIND).withSource(m.source()).withTarget(m.target())
                    .withReadOnly(m.readOnly()));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.networkMode())
                .withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()))
                .withMounts(mounts);
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        switch (spec.computeDevice()) {
            case "cuda" -> {
                DeviceRequest req = new DeviceRequest().withDriver("nvidia")
                        .withCapabilities(List.of(List.of("compute", "utility")));
                host.withDeviceRequests(List.of(pins.nvidiaIds().isEmpty() ? req.withCount(-1)
                        : req.withDeviceIds(pins.nvidiaIds())));
            }
            case "rocm" -> host.withDevices((pins.devicePaths().isEmpty() ? List.of("/dev/kfd", "/dev/dri")
                    : pins.devicePaths()).stream().map(p -> new Device("rwm", p, p)).toList());
            default -> { }
        }
        CreateContainerCmd cmd = d.createContainerCmd(spec.image())
                .withName(spec.request().container())
                .withHostName(spec.request().name())
                .withEnv(spec.env())
                .withHostConfig(host);
        if (userDefined(spec.networkMode())) {
            cmd.withAliases(spec.request().name());
        }
        return cmd;
    }

    /**
     * HaRP adds the alias for every network but {@code host} and {@code bridge}; the engine also refuses aliases
     * on {@code none} and {@code container:<id>} (400 "network-scoped alias is supported only for containers in
     * user defined networks"), so those are skipped too.
     */
    static boolean userDefined(String network) {
        return !java.util.Set.of("host", "bridge", "none", "default").contains(network)
                && !network.startsWith("container:");
    }

    /**
     * Best effort: the engine may be the reason the create failed.
     *
     * @return false when the engine could not be asked (the clean-up must be retried later)
     */
    static boolean cleanUp(DockerClient d, String container, String volumeOrNull) {
        boolean complete = true;
        try {
            d.removeContainerCmd(container).withForce(true).exec();
            LOG.info("removed half-created container {}", container);
        } catch (NotFoundException gone) {
            // never created
        } catch (RuntimeException e) {
            LOG.warn("could not remove half-created container {}: {}", container, e.toString());
            complete = false;
        }
        if (volumeOrNull != null) {
            try {
                d.removeVolumeCmd(volumeOrNull).exec();
            } catch (NotFoundException gone) {
                // fine
            } catch (RuntimeException e) {
                LOG.warn("could not remove volume {} created for a failed create: {}", volumeOrNull, e.toString());
                complete = false;
            }
        }
        return complete;
    }
}
