package io.harpoon.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.harpoon.engines.exapp.ActionResult;
import io.harpoon.engines.exapp.ExAppActions;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.engines.transport.SocketDialer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engines that vanish: before a call, and in the middle of {@code create} (the engine did it, the answer is lost). */
class LostEngineTest {
    static EventLoopGroup group;
    static EngineRegistry local;
    static DockerClient docker;

    @BeforeAll
    static void engine() throws Exception {
        DockerTestSupport.requireDocker();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        local = DockerTestSupport.localRegistry(group);
        docker = local.engine(EngineRegistry.LOCAL_PORT).orElseThrow().docker();
        DockerTestSupport.ensureServiceImage(docker);
    }

    @AfterAll
    static void close() {
        if (local != null) {
            local.close();
        }
        if (group != null) {
            group.shutdownGracefully();
        }
    }

    @Test
    void answerLostMidCreateLeavesNothingBehind() throws Exception {
        String host = DockerTestSupport.requireDocker();
        try (CuttingProxy proxy = new CuttingProxy(Path.of(host.substring("unix://".length())));
                EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(30)), InventoryOverrides.NONE,
                        new SimpleMeterRegistry());
                ExAppActions actions = new ExAppActions(r, Optional.empty(), new SimpleMeterRegistry())) {
            Engine e = r.addLocal(new SocketDialer(group, proxy.address(), Duration.ofSeconds(5)), "cutting proxy");
            DockerTestSupport.awaitUp(e);
            proxy.cutWhen(line -> line.contains("/containers/create"));
            ActionResult res = actions.run(EngineRegistry.LOCAL_PORT, "create", ("{\"name\":\"t_cut\",\"image_id\":\""
                    + DockerTestSupport.SERVICE_IMAGE + "\",\"network_mode\":\"none\"}").getBytes(StandardCharsets.UTF_8),
                    io.harpoon.engines.exapp.DevicePins.NONE);
            assertEquals(1, proxy.cuts.get(), "the engine received the create");
            assertEquals(503, res.status(), res.bodyText());
            assertTrue(res.bodyText().contains("create: "), res.bodyText());
            assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd("nc_app_t_cut").exec(),
                    "the container the engine created was removed again");
            assertThrows(NotFoundException.class, () -> docker.inspectVolumeCmd("nc_app_t_cut_data").exec(),
                    "the volume this create made was removed again");
        }
    }

    @Test
    void engineGoneDuringCreateIsCleanedUpWhenItComesBack() throws Exception {
        String host = DockerTestSupport.requireDocker();
        try (CuttingProxy proxy = new CuttingProxy(Path.of(host.substring("unix://".length())));
                EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(2),
                        Duration.ofSeconds(30), Duration.ofHours(1)), InventoryOverrides.NONE,
                        new SimpleMeterRegistry());
                ExAppActions actions = new ExAppActions(r, Optional.empty(), new SimpleMeterRegistry())) {
            Engine e = r.addLocal(new SocketDialer(group, proxy.address(), Duration.ofSeconds(2)), "cutting proxy");
            DockerTestSupport.awaitUp(e);
            proxy.cutWhen(line -> line.contains("/containers/create"));
            proxy.blackoutAfterCut = true;
            ActionResult res = actions.run(EngineRegistry.LOCAL_PORT, "create", ("{\"name\":\"t_gone\",\"image_id\":\""
                    + DockerTestSupport.SERVICE_IMAGE + "\",\"network_mode\":\"none\"}").getBytes(StandardCharsets.UTF_8),
                    io.harpoon.engines.exapp.DevicePins.NONE);
            assertEquals(503, res.status(), res.bodyText());
            assertEquals(1, actions.pendingCleanups(EngineRegistry.LOCAL_PORT));
            assertEquals("created", docker.inspectContainerCmd("nc_app_t_gone").exec().getState().getStatus(),
                    "the engine made it, nobody could remove it yet");
            r.probe(e);
            assertEquals(Engine.Status.DOWN, e.status());
            proxy.blackout = false;
            r.probe(e); // back: the registry tells ExAppActions, which finishes the clean-up
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (actions.pendingCleanups(EngineRegistry.LOCAL_PORT) > 0 && System.nanoTime() < end) {
                DockerTestSupport.sleep(20);
            }
            assertEquals(0, actions.pendingCleanups(EngineRegistry.LOCAL_PORT));
            assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd("nc_app_t_gone").exec());
            assertThrows(NotFoundException.class, () -> docker.inspectVolumeCmd("nc_app_t_gone_data").exec());
        }
    }

    @Test
    void engineThatStopsAnsweringIs504AfterTheActionsLimit() throws Exception {
        String host = DockerTestSupport.requireDocker();
        try (CuttingProxy proxy = new CuttingProxy(Path.of(host.substring("unix://".length())));
                EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(2),
                        Duration.ofSeconds(30), Duration.ofHours(1)), InventoryOverrides.NONE,
                        new SimpleMeterRegistry());
                ExAppActions actions = new ExAppActions(r, Optional.empty(), new SimpleMeterRegistry(),
                        java.util.Map.of("exists", Duration.ofMillis(700)))) {
            Engine e = r.addLocal(new SocketDialer(group, proxy.address(), Duration.ofSeconds(2)), "hanging proxy");
            DockerTestSupport.awaitUp(e);
            proxy.hang = true;
            long t0 = System.nanoTime();
            ActionResult res = actions.run(EngineRegistry.LOCAL_PORT, "exists",
                    "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), io.harpoon.engines.exapp.DevicePins.NONE);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, res.status(), res.bodyText());
            assertTrue(res.bodyText().contains("within 700 ms"), res.bodyText());
            assertTrue(ms >= 650 && ms < 5000, "answered at the limit, not at the transport's 30 s: " + ms + " ms");
        }
    }

    @Test
    void engineWhoseSocketVanishedIs503AndMarkedDown() throws Exception {
        try (EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(30)), InventoryOverrides.NONE, new SimpleMeterRegistry());
                ExAppActions actions = new ExAppActions(r, Optional.empty(), new SimpleMeterRegistry())) {
            Engine e = r.addLocal(new SocketDialer(group, UnixDomainSocketAddress.of("/nonexistent/docker.sock"),
                    Duration.ofSeconds(2)), "missing socket");
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (e.status() != Engine.Status.DOWN && System.nanoTime() < end) {
                DockerTestSupport.sleep(20);
            }
            assertEquals(Engine.Status.DOWN, e.status());
            ActionResult res = actions.run(EngineRegistry.LOCAL_PORT, "start",
                    "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), io.harpoon.engines.exapp.DevicePins.NONE);
            assertEquals(503, res.status());
            assertTrue(res.bodyText().contains("/nonexistent/docker.sock"), res.bodyText());
        }
    }
}
