package io.harpoon.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void localEngineComesUpWithInventory() throws Exception {
        DockerTestSupport.requireDocker();
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (EngineRegistry r = DockerTestSupport.localRegistry(group)) {
            Engine e = r.engine(EngineRegistry.LOCAL_PORT).orElseThrow();
            assertTrue(e.inventory().cpus() > 0, e.view().toString());
            assertEquals("1.41", e.view().apiVersion());
            DockerTestSupport.ensureServiceImage(e.docker());
            System.out.println(e.view());
        } finally {
            group.shutdownGracefully();
        }
    }
}
