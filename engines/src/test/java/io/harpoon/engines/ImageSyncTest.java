package io.harpoon.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.engines.exapp.ActionResult;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.engines.transport.SocketDialer;
import io.harpoon.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real engines (the test run's dockerd and a second one started here with the same script): an image only the
 * first has reaches the second before a create, by a pull when that works and by an engine-to-engine copy when
 * it does not (no registry is reachable here, so the copy is what runs).
 */
class ImageSyncTest {
    static final Path SCRIPT = Path.of("..", ".ci", "docker-engine.sh").toAbsolutePath().normalize();
    static final String DIR = "/tmp/harpoon-imagesync-engine";
    static EventLoopGroup group;
    static EngineRegistry registry;
    static ExAppActions actions;
    static boolean started;

    @BeforeAll
    static void twoEngines() throws Exception {
        String first = DockerTestSupport.requireDocker();
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).strip());
        Requirements.require("a second docker engine", root && Files.isRegularFile(SCRIPT),
                "starting dockerd needs root and " + SCRIPT);
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "start")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(java.util.Map.of("DKR_DIR", DIR, "DKR_SKIP_INSTALL", "1"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "second engine start: " + out);
        started = true;
        assertTrue(out.startsWith("export DOCKER_HOST=unix://"), out);
        String second = out.substring("export DOCKER_HOST=".length());
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        registry = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofSeconds(30)), InventoryOverrides.NONE, new SimpleMeterRegistry());
        Engine a = registry.addLocal(SocketDialer.forDockerHost(group, first, Duration.ofSeconds(5)), "first");
        Engine b = registry.addStatic(24001, "second", SocketDialer.forDockerHost(group, second,
                Duration.ofSeconds(5)), "second " + second);
        DockerTestSupport.awaitUp(a);
        DockerTestSupport.awaitUp(b);
        DockerTestSupport.ensureServiceImage(a.docker());
        actions = new ExAppActions(registry, Optional.empty(), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopSecondEngine() throws Exception {
        if (actions != null) {
            actions.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (group != null) {
            group.shutdownGracefully();
        }
        if (started) {
            ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "stop").inheritIO();
            pb.environment().put("DKR_DIR", DIR);
            pb.start().waitFor();
        }
    }

    @Test
    void imageOnlyTheFirstEngineHasIsCopiedToTheSecondThenFound() throws Exception {
        ActionResult r = actions.ensureImage(24001, DockerTestSupport.SERVICE_IMAGE, List.of(24000)).join();
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("copied from engine 24000", new ObjectMapper().readTree(r.body()).path("how").asText());
        registry.engine(24001).orElseThrow().docker().inspectImageCmd(DockerTestSupport.SERVICE_IMAGE).exec();
        ActionResult again = actions.ensureImage(24001, DockerTestSupport.SERVICE_IMAGE, List.of(24000)).join();
        assertEquals("present", new ObjectMapper().readTree(again.body()).path("how").asText());
    }

    @Test
    void imageNowhereIs404WithThePullError() {
        ActionResult r = actions.ensureImage(24001, "harpoon-test/nowhere:1", List.of(24000)).join();
        assertEquals(404, r.status(), r.bodyText());
        assertTrue(r.bodyText().contains("harpoon-test/nowhere:1") && r.bodyText().contains("pulling it failed"),
                r.bodyText());
    }
}
