package io.harpoon.engines;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.engines.transport.SocketDialer;
import io.harpoon.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The real Docker engine of the test run ({@code DOCKER_HOST}, started by {@code ./harpoon test} through
 * {@code .ci/docker-engine.sh}) and the images the tests build locally from {@code local/busybox:1} (never pulled).
 */
public final class DockerTestSupport {
    /** A container that runs until SIGTERM and exits 0 on it (spec §6.1: plain sleep ignores TERM). */
    public static final String SERVICE_IMAGE = "harpoon-test/service:1";

    private DockerTestSupport() {
    }

    /** {@code DOCKER_HOST}, after checking that an engine answers there; skips (or fails when strict) otherwise. */
    public static String requireDocker() {
        String host = System.getenv("DOCKER_HOST");
        boolean ok = false;
        String why = "DOCKER_HOST is not set (./harpoon test starts a throw-away dockerd as root)";
        if (host != null && host.startsWith("unix://")) {
            Path sock = Path.of(host.substring("unix://".length()));
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                ok = true;
            } catch (IOException e) {
                why = "nothing answers on " + sock + ": " + e.getMessage();
            }
        } else if (host != null) {
            ok = true;
        }
        Requirements.require("docker", ok, why);
        return host;
    }

    /** A registry with the test engine as the local engine (port 24000), waiting until it is UP. */
    public static EngineRegistry localRegistry(EventLoopGroup group) {
        EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(30)), InventoryOverrides.NONE, new SimpleMeterRegistry());
        Engine e = r.addLocal(SocketDialer.forDockerHost(group, requireDocker(), Duration.ofSeconds(5)), "test");
        awaitUp(e);
        return r;
    }

    public static void awaitUp(Engine e) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (e.status() != Engine.Status.UP) {
            if (System.nanoTime() > end) {
                throw new AssertionError("engine " + e.port() + " not up: " + e.view());
            }
            sleep(50);
        }
    }

    /** Builds {@link #SERVICE_IMAGE} FROM local/busybox:1 once per engine (no RUN step: no network needed). */
    public static synchronized void ensureServiceImage(DockerClient d) throws IOException {
        try {
            d.inspectImageCmd(SERVICE_IMAGE).exec();
            return;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // build it
        }
        Path dir = Files.createTempDirectory("svc-image");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM local/busybox:1
                CMD ["/bin/sh", "-c", "trap 'exit 0' TERM; echo service-up; while true; do sleep 1; done"]
                """);
        d.buildImageCmd(dir.toFile()).withTags(Set.of(SERVICE_IMAGE)).withNetworkMode("none")
                .exec(new BuildImageResultCallback()).awaitImageId();
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
