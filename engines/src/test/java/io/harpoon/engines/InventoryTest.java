package io.harpoon.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.engines.registry.ApiVersion;
import io.harpoon.engines.registry.DeviceProbe;
import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineRegistry;
import io.harpoon.engines.registry.Gpu;
import io.harpoon.engines.registry.Inventory;
import io.harpoon.engines.registry.InventoryOverrides;
import io.harpoon.engines.registry.InventoryProbe;
import io.harpoon.engines.transport.SocketDialer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inventory sources: /info (incl. CDI), the declared file, the device probe on the real engine; API versions. */
class InventoryTest {
    @Test
    void infoWithCdiDevicesAndLabels() throws Exception {
        Inventory inv = InventoryProbe.fromInfo(new ObjectMapper().readTree("""
                {"ServerVersion":"28.2.2","OperatingSystem":"Ubuntu 24.04","NCPU":64,"MemTotal":540000000000,
                 "Runtimes":{"runc":{},"nvidia":{}},"Labels":["zone=rack-2","junk"],
                 "DiscoveredDevices":[{"Source":"cdi","ID":"nvidia.com/gpu=0"},{"Source":"cdi","ID":"nvidia.com/gpu=1"},
                                      {"Source":"cdi","ID":"nvidia.com/gpu=all"}]}"""));
        assertEquals(64, inv.cpus());
        assertEquals(List.of("nvidia", "runc"), inv.runtimes());
        assertEquals(List.of(0, 1), inv.gpus().stream().map(Gpu::index).toList());
        assertEquals(3, inv.cdiDevices().size());
        assertEquals(Map.of("zone", "rack-2"), inv.labels());
        assertTrue(inv.cuda());
        assertFalse(inv.rocm());
    }

    @Test
    void declaredInventoryByPortOrNameReplacesGpusAndMergesTheRest() throws Exception {
        InventoryOverrides o = InventoryOverrides.parse("""
                {"engines": {"24001": {"gpus": [{"vendor":"nvidia","model":"H100","memory":"80GiB"},
                                                 {"vendor":"nvidia","index":3,"memory":85899345920}],
                                       "labels": {"class":"gpu"}},
                             "amd-box": {"deviceNodes": ["/dev/kfd"], "memory": "512g",
                                         "fpgas": [{"vendor":"xilinx","family":"alveo-u250","device":"/dev/xclmgmt0",
                                                    "loadedBitstream":"xdma","compatible":["xdma"]}]}}}""");
        Inventory base = new Inventory("20.10", "Debian", 8, 1L << 34, List.of("runc"), List.of(),
                List.of(new Gpu("nvidia", 0, "", 0, "cdi")), List.of("/dev/dri"), List.of(), Map.of("zone", "a"),
                false);
        Inventory a = o.apply(24001, "whatever", base);
        assertTrue(a.declared());
        assertEquals(List.of(new Gpu("nvidia", 0, "H100", 80L << 30, "declared"),
                new Gpu("nvidia", 3, "", 80L << 30, "declared")), a.gpus());
        assertEquals(Map.of("zone", "a", "class", "gpu"), a.labels());
        Inventory b = o.apply(24002, "amd-box", base);
        assertEquals(List.of("/dev/dri", "/dev/kfd"), b.deviceNodes());
        assertEquals(512L << 30, b.memoryBytes());
        assertEquals("alveo-u250", b.fpgas().get(0).family());
        assertTrue(b.rocm());
        assertEquals(base, o.apply(24003, "other", base), "no entry, no change");
        assertThrows(IOException.class, () -> InventoryOverrides.parse("{\"gpus\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> InventoryOverrides.parse(
                "{\"engines\":{\"1\":{\"memory\":\"lots\"}}}"));
    }

    @Test
    void apiVersionNegotiation() {
        ApiVersion engine = ApiVersion.parse("1.41");
        assertEquals("/v1.41/containers/x/json", ApiVersion.downgrade("/v1.44/containers/x/json", engine).orElseThrow());
        assertEquals("/v1.41", ApiVersion.downgrade("/v1.44", engine).orElseThrow());
        assertTrue(ApiVersion.downgrade("/v1.40/_ping", engine).isEmpty(), "older requests pass unchanged");
        assertTrue(ApiVersion.downgrade("/_ping", engine).isEmpty(), "unversioned passes unchanged");
        assertTrue(ApiVersion.downgrade("/v1.44/_ping", ApiVersion.parse("1.52")).isEmpty());
        assertEquals(ApiVersion.parse("1.44"), ApiVersion.negotiate(ApiVersion.parse("1.52")));
        assertEquals(engine, ApiVersion.negotiate(engine));
        assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.10")) < 0);
    }

    @Test
    void deviceProbeOnTheRealEngineFindsPresentNodesOnly() throws Exception {
        String host = DockerTestSupport.requireDocker();
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        long t0 = System.currentTimeMillis() / 1000;
        try (EngineRegistry r = new EngineRegistry(new EngineRegistry.Settings(Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(30), List.of("/dev/null", "/dev/kfd", "/dev/nvidiactl",
                        "/dev/zero")), InventoryOverrides.NONE, new SimpleMeterRegistry())) {
            Engine e = r.addLocal(SocketDialer.forDockerHost(group, host, Duration.ofSeconds(5)), "test");
            DockerTestSupport.awaitUp(e);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (e.inventory().deviceNodes().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(List.of("/dev/null", "/dev/zero"), e.inventory().deviceNodes(),
                    "present nodes reported, absent /dev/kfd and /dev/nvidiactl not");
            assertTrue(e.inventory().gpus().isEmpty());
            assertTrue(e.docker().listContainersCmd().withShowAll(true).exec().stream()
                    .noneMatch(c -> c.getNames()[0].contains("harpoon-device-probe") && c.getCreated() >= t0),
                    "this probe's containers are removed");
            // one left behind by a process stopped mid-probe: swept once old enough, never while young
            String id = e.docker().createContainerCmd(DeviceProbe.IMAGE).withName("harpoon-device-probe-leftover")
                    .exec().getId();
            DeviceProbe.sweep(e.docker(), Duration.ofMinutes(1));
            e.docker().inspectContainerCmd(id).exec(); // young: another gateway's probe may be using it
            DeviceProbe.sweep(e.docker(), Duration.ZERO);
            assertThrows(com.github.dockerjava.api.exception.NotFoundException.class,
                    () -> e.docker().inspectContainerCmd(id).exec());
        } finally {
            group.shutdownGracefully();
        }
    }
}
