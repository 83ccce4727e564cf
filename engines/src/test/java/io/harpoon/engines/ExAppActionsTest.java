package io.harpoon.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.harpoon.engines.exapp.ActionResult;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.engines.registry.EngineRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code /docker/exapp/*} action against the real test dockerd through the local-socket engine (port 24000). */
class ExAppActionsTest {
    static final int PORT = EngineRegistry.LOCAL_PORT;
    static final ObjectMapper JSON = new ObjectMapper();
    static EventLoopGroup group;
    static EngineRegistry registry;
    static DockerClient docker;
    static Path frpCerts;
    static ExAppActions actions;

    @BeforeAll
    static void engine(@TempDir Path tmp) throws Exception {
        DockerTestSupport.requireDocker();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        registry = DockerTestSupport.localRegistry(group);
        docker = registry.engine(PORT).orElseThrow().docker();
        DockerTestSupport.ensureServiceImage(docker);
        frpCerts = Files.createDirectories(tmp.resolve("frp"));
        for (String f : List.of("ca.crt", "client.crt", "client.key")) {
            Files.writeString(frpCerts.resolve(f), "test " + f + "\n");
        }
        actions = new ExAppActions(registry, Optional.of(frpCerts), new SimpleMeterRegistry());
    }

    @AfterAll
    static void close() {
        if (actions != null) {
            actions.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (group != null) {
            group.shutdownGracefully();
        }
    }

    @AfterEach
    void cleanUp() {
        for (String n : List.of("nc_app_t_life", "nc_app_t_gpu", "nc_app_t_rocm", "nc_app_i1_t_inst_web")) {
            try {
                docker.removeContainerCmd(n).withForce(true).exec();
            } catch (NotFoundException e) {
                // fine
            }
        }
        for (String v : List.of("nc_app_t_life_data", "nc_app_t_gpu_data", "nc_app_t_rocm_data",
                "nc_app_i1_t_inst_data")) {
            try {
                docker.removeVolumeCmd(v).exec();
            } catch (NotFoundException e) {
                // fine
            }
        }
    }

    /** FROM the service image with {@code /etc/os-release} and an executable {@code /bin/<tool>} script. */
    static void osImage(Path ctx, String tag, String osRelease, String tool, String script) throws Exception {
        Files.writeString(ctx.resolve("os-release"), osRelease);
        Files.writeString(ctx.resolve(tool), script);
        ctx.resolve(tool).toFile().setExecutable(true);
        build(ctx, tag, "FROM " + DockerTestSupport.SERVICE_IMAGE + "\nCOPY os-release /etc/os-release\nCOPY " + tool
                + " /bin/" + tool + "\n");
    }

    /** Builds {@code dockerfile} in {@code ctx} on the engine (no network, nothing pulled). */
    static void build(Path ctx, String tag, String dockerfile) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        docker.buildImageCmd(ctx.toFile()).withTags(java.util.Set.of(tag)).withNetworkMode("none")
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback()).awaitImageId();
    }

    static ActionResult call(String action, String json) {
        return actions.run(PORT, action, json.getBytes(StandardCharsets.UTF_8), io.harpoon.engines.exapp.DevicePins.NONE);
    }

    static JsonNode body(ActionResult r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String createBody(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"instance_id\":\"\",\"image_id\":\"" + DockerTestSupport.SERVICE_IMAGE
                + "\",\"network_mode\":\"none\",\"environment_variables\":[\"APP_ID=" + name
                + "\",\"APP_SECRET=s3cret\"],\"restart_policy\":\"unless-stopped\",\"start_container\":true" + extra
                + "}";
    }

    @Test
    void fullLifecycleMatchesHarpSemantics(@TempDir Path mountDir) throws Exception {
        String app = "{\"name\":\"t_life\",\"instance_id\":\"\"}";
        assertEquals("{\"exists\":false}", call("exists", app).bodyText());

        ActionResult created = call("create", createBody("t_life", ",\"compute_device\":\"cpu\","
                + "\"mount_points\":[{\"source\":\"" + mountDir + "\",\"target\":\"/host\",\"mode\":\"ro\"}],"
                + "\"resource_limits\":{\"memory\":67108864,\"nanoCPUs\":500000000}"));
        assertEquals(201, created.status(), created.bodyText());
        assertEquals("nc_app_t_life", body(created).path("name").asText());
        InspectContainerResponse c = docker.inspectContainerCmd("nc_app_t_life").exec();
        assertEquals(body(created).path("id").asText(), c.getId());
        assertEquals("t_life", c.getConfig().getHostName());
        assertTrue(List.of(c.getConfig().getEnv()).contains("APP_SECRET=s3cret"));
        assertEquals(67108864L, c.getHostConfig().getMemory());
        assertEquals(500000000L, c.getHostConfig().getNanoCPUs());
        assertEquals("unless-stopped", c.getHostConfig().getRestartPolicy().getName());
        assertEquals("none", c.getHostConfig().getNetworkMode());
        assertTrue(c.getMounts().stream().anyMatch(m -> "/nc_app_t_life_data".equals(m.getDestination().getPath())
                && "nc_app_t_life_data".equals(m.getName())), c.getMounts().toString());
        assertTrue(c.getMounts().stream().anyMatch(m -> "/host".equals(m.getDestination().getPath())
                && Boolean.FALSE.equals(m.getRW())), c.getMounts().toString());

        assertEquals(409, call("create", createBody("t_life", "")).status());
        JsonNode exists = body(call("exists", app));
        assertTrue(exists.path("exists").asBoolean());
        assertEquals(DockerTestSupport.SERVICE_IMAGE, exists.path("image_ref").asText());

        ActionResult certs = call("install_certificates", "{\"name\":\"t_life\",\"instance_id\":\"\","
                + "\"system_certs_bundle\":null,\"install_frp_certs\":true}");
        assertEquals(204, certs.status(), certs.bodyText());
        assertEquals("test client.key\n", fileIn("nc_app_t_life", "/certs/frp/client.key"));
        assertFalse(docker.inspectContainerCmd("nc_app_t_life").exec().getState().getRunning(),
                "install_certificates stops a container it had to start");

        assertEquals(204, call("start", app).status());
        ActionResult again = call("start", app);
        assertEquals(200, again.status());
        assertEquals("Container already started", again.bodyText());
        JsonNode waited = body(call("wait_for_start", app));
        assertTrue(waited.path("started").asBoolean(), waited.toString());
        assertEquals("running", waited.path("status").asText());
        assertTrue(waited.path("health").isNull());

        assertEquals(204, call("stop", app).status());
        ActionResult stopped = call("stop", app);
        assertEquals(200, stopped.status());
        assertEquals("Container already stopped", stopped.bodyText());
        assertEquals(0, docker.inspectContainerCmd("nc_app_t_life").exec().getState().getExitCodeLong(),
                "the TERM trap ran: a clean stop");

        assertEquals(204, call("remove", "{\"name\":\"t_life\",\"instance_id\":\"\",\"remove_data\":false}").status());
        assertFalse(body(call("exists", app)).path("exists").asBoolean());
        docker.inspectVolumeCmd("nc_app_t_life_data").exec(); // data kept
        assertEquals(204, call("remove", "{\"name\":\"t_life\",\"instance_id\":\"\",\"remove_data\":true}").status());
        assertThrows(NotFoundException.class, () -> docker.inspectVolumeCmd("nc_app_t_life_data").exec());
    }

    @Test
    void systemBundleGoesIntoTheDebianTrustStoreAndIsActivated(@TempDir Path ctx) throws Exception {
        osImage(ctx, "harpoon-test/debianish:1", "PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\n",
                "update-ca-certificates", "#!/bin/sh\nls /usr/local/share/ca-certificates > /tmp/update-ran\n");
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----";
        assertEquals(201, call("create", createBody("t_life", "").replace(DockerTestSupport.SERVICE_IMAGE,
                "harpoon-test/debianish:1")).status());
        assertEquals(204, call("start", "{\"name\":\"t_life\"}").status());
        ActionResult r = call("install_certificates", "{\"name\":\"t_life\",\"system_certs_bundle\":"
                + JSON.writeValueAsString("junk\n" + cert + "\n" + cert.replace("UQ", "Ug") + "\n")
                + ",\"install_frp_certs\":false}");
        assertEquals(204, r.status(), r.bodyText());
        assertEquals(cert.replace("UQ", "Ug") + "\n",
                fileIn("nc_app_t_life", "/usr/local/share/ca-certificates/custom_ca_cert_1.crt"));
        assertEquals("custom_ca_cert_0.crt\ncustom_ca_cert_1.crt\n", fileIn("nc_app_t_life", "/tmp/update-ran"));
        assertThrows(NotFoundException.class, () -> fileIn("nc_app_t_life", "/certs/frp/ca.crt"),
                "install_frp_certs=false installs no FRP certificates");
        assertTrue(docker.inspectContainerCmd("nc_app_t_life").exec().getState().getRunning(),
                "a running container stays running");
    }

    @Test
    void waitForStartFollowsTheHealthCheck(@TempDir Path ctx) throws Exception {
        build(ctx, "harpoon-test/health:1", "FROM harpoon-test/service:1\nHEALTHCHECK --interval=1s --timeout=1s "
                + "--retries=1 CMD [\"/bin/sh\", \"-c\", \"test -e /tmp/ok\"]\n");
        String app = "{\"name\":\"t_life\"}";
        assertEquals(201, call("create", createBody("t_life", "").replace(DockerTestSupport.SERVICE_IMAGE,
                "harpoon-test/health:1")).status());
        assertEquals(204, call("start", app).status());
        JsonNode unhealthy = body(call("wait_for_start", app)); // /tmp/ok missing: the check fails
        assertTrue(unhealthy.path("started").asBoolean(), unhealthy.toString());
        assertEquals("unhealthy", unhealthy.path("health").asText(), unhealthy.toString());
        assertEquals("unhealthy", unhealthy.path("reason").asText());
    }

    @Test
    void waitForStartOfAContainerThatExitedIsFalse() throws Exception {
        // local/busybox:1's CMD is a shell without stdin: it exits at once
        assertEquals(201, call("create", createBody("t_life", "").replace(DockerTestSupport.SERVICE_IMAGE,
                "local/busybox:1").replace("\"unless-stopped\"", "\"no\"")).status());
        assertEquals(204, call("start", "{\"name\":\"t_life\"}").status());
        JsonNode w = body(call("wait_for_start", "{\"name\":\"t_life\"}"));
        assertFalse(w.path("started").asBoolean(), w.toString());
        assertEquals("exited", w.path("status").asText(), w.toString());
    }

    @Test
    void removeWithDataWhileAnotherContainerUsesTheVolumeIs409() throws Exception {
        assertEquals(201, call("create", createBody("t_life", "")).status());
        String other = docker.createContainerCmd(DockerTestSupport.SERVICE_IMAGE).withName("harpoon-test-volume-user")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(com.github.dockerjava.api.model.Bind.parse("nc_app_t_life_data:/data")))
                .exec().getId();
        try {
            ActionResult r = call("remove", "{\"name\":\"t_life\",\"remove_data\":true}");
            assertEquals(409, r.status(), r.bodyText());
            assertTrue(r.bodyText().contains("nc_app_t_life_data"), r.bodyText());
            assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd("nc_app_t_life").exec(),
                    "the container itself is gone");
        } finally {
            docker.removeContainerCmd(other).withForce(true).exec();
        }
    }

    @Test
    void imageRemoveInUseUntaggedAndDeleted(@TempDir Path ctx) throws Exception {
        build(ctx, "harpoon-test/removable:1", "FROM harpoon-test/service:1\nLABEL harpoon.test=removable\n");
        docker.tagImageCmd("harpoon-test/removable:1", "harpoon-test/removable", "alias").exec();
        JsonNode untagged = body(call("image_remove", "{\"image_ref\":\"harpoon-test/removable:alias\"}"));
        assertEquals("{\"deleted\":true,\"bytes_freed\":0}", untagged.toString(), "only a second name went");
        assertEquals(201, call("create", createBody("t_life", "").replace(DockerTestSupport.SERVICE_IMAGE,
                "harpoon-test/removable:1")).status());
        JsonNode inUse = body(call("image_remove", "{\"image_ref\":\"harpoon-test/removable:1\"}"));
        assertEquals("{\"deleted\":false,\"reason\":\"in_use\"}", inUse.toString(), "a container uses it");
        cleanUp();
        JsonNode deleted = body(call("image_remove", "{\"image_ref\":\"harpoon-test/removable:1\"}"));
        assertTrue(deleted.path("deleted").asBoolean(), deleted.toString());
        assertTrue(deleted.path("bytes_freed").asLong() > 0, deleted.toString());
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd("harpoon-test/removable:1").exec());
    }

    @Test
    void systemBundleGoesIntoTheRhelTrustStore(@TempDir Path ctx) throws Exception {
        osImage(ctx, "harpoon-test/rhelish:1", "NAME=\"AlmaLinux\"\nID=\"almalinux\"\nID_LIKE=\"rhel centos fedora\"\n",
                "update-ca-trust", "#!/bin/sh\necho \"$@\" > /tmp/trust-ran\n");
        assertEquals(201, call("create", createBody("t_life", "").replace(DockerTestSupport.SERVICE_IMAGE,
                "harpoon-test/rhelish:1")).status());
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----";
        ActionResult r = call("install_certificates", "{\"name\":\"t_life\",\"system_certs_bundle\":"
                + JSON.writeValueAsString(cert) + ",\"install_frp_certs\":false}");
        assertEquals(204, r.status(), r.bodyText());
        assertEquals(cert + "\n", fileIn("nc_app_t_life", "/etc/pki/ca-trust/source/anchors/custom_ca_cert_0.crt"));
        assertEquals("extract\n", fileIn("nc_app_t_life", "/tmp/trust-ran"));
    }

    @Test
    void instanceIdAndRoleSuffixShapeTheNames() throws Exception {
        ActionResult r = call("create", "{\"name\":\"t_inst\",\"instance_id\":\"i1\",\"role_suffix\":\"web\","
                + "\"image\":\"" + DockerTestSupport.SERVICE_IMAGE + "\",\"network_mode\":\"none\"}");
        assertEquals(201, r.status(), r.bodyText());
        assertEquals("nc_app_i1_t_inst_web", body(r).path("name").asText());
        docker.inspectVolumeCmd("nc_app_i1_t_inst_data").exec();
    }

    @Test
    void userDefinedNetworkGetsTheAppIdAlias() throws Exception {
        String net = "harpoon-test-net";
        String netId = docker.createNetworkCmd().withName(net).withDriver("bridge").exec().getId();
        try {
            ActionResult r = call("create", createBody("t_life", "").replace("\"network_mode\":\"none\"",
                    "\"network_mode\":\"" + net + "\""));
            assertEquals(201, r.status(), r.bodyText());
            var c = docker.inspectContainerCmd("nc_app_t_life").exec();
            assertEquals(net, c.getHostConfig().getNetworkMode());
            var endpoint = c.getNetworkSettings().getNetworks().get(net);
            assertTrue(endpoint != null && endpoint.getAliases() != null
                    && endpoint.getAliases().contains("t_life"), String.valueOf(endpoint));
        } finally {
            cleanUp();
            docker.removeNetworkCmd(netId).exec();
        }
    }

    @Test
    void unknownContainers() throws Exception {
        String ghost = "{\"name\":\"t_ghost\",\"instance_id\":\"\"}";
        assertEquals(204, call("remove", "{\"name\":\"t_ghost\",\"remove_data\":true}").status(),
                "removing what is not there counts as removed (spec §8.5)");
        assertEquals(404, call("start", ghost).status());
        assertEquals(404, call("stop", ghost).status());
        assertEquals(404, call("install_certificates", ghost).status());
        JsonNode w = body(call("wait_for_start", ghost));
        assertFalse(w.path("started").asBoolean());
        assertEquals("not_found", w.path("reason").asText());
        JsonNode img = body(call("image_remove", "{\"image_ref\":\"harpoon-test/never:1\"}"));
        assertEquals("{\"deleted\":true,\"bytes_freed\":0,\"reason\":\"not_found\"}", img.toString());
    }

    @Test
    void cudaOnAnEngineWithoutGpusFailsFastWithTheEnginesMessage() throws Exception {
        assertEquals(201, call("create", createBody("t_gpu", ",\"compute_device\":\"cuda\"")).status(),
                "the engine accepts the device request at create time (spec docker-engine-for-tests §7)");
        var req = docker.inspectContainerCmd("nc_app_t_gpu").exec().getHostConfig().getDeviceRequests();
        assertEquals("nvidia", req.get(0).getDriver());
        assertEquals(-1, req.get(0).getCount());
        ActionResult start = call("start", "{\"name\":\"t_gpu\"}");
        assertEquals(500, start.status());
        assertTrue(start.bodyText().contains("could not select device driver \\\"nvidia\\\"")
                || start.bodyText().contains("could not select device driver \"nvidia\""), start.bodyText());
        JsonNode w = body(call("wait_for_start", "{\"name\":\"t_gpu\"}"));
        assertFalse(w.path("started").asBoolean());
        assertEquals("created", w.path("status").asText());
        assertTrue(w.path("reason").asText().contains("nvidia"), w.toString());
    }

    @Test
    void pinnedGpusReplaceCountMinusOne() {
        ActionResult r = actions.run(PORT, "create", createBody("t_gpu", ",\"compute_device\":\"cuda\"")
                .getBytes(StandardCharsets.UTF_8), io.harpoon.engines.exapp.DevicePins.nvidia(List.of("1", "3")));
        assertEquals(201, r.status(), r.bodyText());
        var req = docker.inspectContainerCmd("nc_app_t_gpu").exec().getHostConfig().getDeviceRequests().get(0);
        assertEquals(List.of("1", "3"), req.getDeviceIds());
        assertEquals(List.of(List.of("compute", "utility")), req.getCapabilities());
    }

    @Test
    void pinnedRocmDevicesReplaceAllOfDri() {
        ActionResult r = actions.run(PORT, "create", createBody("t_rocm", ",\"compute_device\":\"rocm\"")
                .getBytes(StandardCharsets.UTF_8), new io.harpoon.engines.exapp.DevicePins(List.of(),
                        List.of("/dev/kfd", "/dev/dri/renderD129")));
        assertEquals(201, r.status(), r.bodyText());
        var devices = docker.inspectContainerCmd("nc_app_t_rocm").exec().getHostConfig().getDevices();
        assertEquals(List.of("/dev/kfd", "/dev/dri/renderD129"),
                java.util.Arrays.stream(devices).map(d -> d.getPathOnHost()).toList());
        assertEquals("rwm", devices[1].getcGroupPermissions());
    }

    @Test
    void rocmWithoutKfdSurfacesTheEngineError() {
        assertEquals(201, call("create", createBody("t_rocm", ",\"compute_device\":\"rocm\"")).status());
        ActionResult start = call("start", "{\"name\":\"t_rocm\"}");
        assertEquals(500, start.status());
        assertTrue(start.bodyText().contains("/dev/kfd"), start.bodyText());
    }

    @Test
    void payloadValidation() {
        assertEquals(400, call("exists", "{}").status());
        assertEquals(400, call("exists", "not json").status());
        assertEquals(400, call("exists", "{\"name\":\"../etc\"}").status());
        ActionResult bad = call("create", createBody("t_bad", ",\"compute_device\":\"tpu\""));
        assertEquals(400, bad.status());
        assertTrue(bad.bodyText().startsWith("Payload validation error: compute_device"), bad.bodyText());
        assertEquals(400, call("create", "{\"name\":\"t_bad\"}").status(), "image_id is required");
        assertEquals(400, call("remove", "{\"name\":\"t_bad\",\"remove_data\":\"yes\"}").status());
        assertThrows(NotFoundException.class, () -> docker.inspectVolumeCmd("nc_app_t_bad_data").exec(),
                "a rejected create touches nothing");
    }

    @Test
    void noEngineOnThePortIs503() {
        ActionResult r = actions.run(24042, "exists", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), io.harpoon.engines.exapp.DevicePins.NONE);
        assertEquals(503, r.status());
        assertTrue(r.bodyText().contains("no Docker engine is connected on port 24042"), r.bodyText());
    }

    static String fileIn(String container, String path) throws Exception {
        try (InputStream in = docker.copyArchiveFromContainerCmd(container, path).exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            tar.getNextEntry();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            tar.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void unknownActionIs404() {
        ActionResult r = call("explode", "{}");
        assertEquals(404, r.status());
        assertEquals("unknown Docker action: explode", r.bodyText());
    }
}
