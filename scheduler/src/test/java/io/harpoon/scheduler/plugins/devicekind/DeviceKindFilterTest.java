package io.harpoon.scheduler.plugins.devicekind;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Workload;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceKindFilterTest {
    static final EngineInfo CPU = cpuEngine("cpu");
    static final EngineInfo NV = nvidia("nv", 2, 24);
    static final EngineInfo AMD = amd("amd", 1, 64);
    static final EngineInfo FPGA = engine("fpga").fpga("xilinx", "alveo-u250", "crc32c-v2").build();

    static Stream<Arguments> table() {
        Workload cpu = Workload.builder("a").build();
        Workload cuda = Workload.builder("a").kind(DeviceKind.CUDA).build();
        Workload rocm = Workload.builder("a").kind(DeviceKind.ROCM).build();
        Workload fpga = Workload.builder("a").kind(DeviceKind.FPGA).fpga("crc32c-v2", "").build();
        return Stream.of(
                Arguments.of("cpu runs on a cpu-only engine", cpu, CPU, "SUCCESS"),
                Arguments.of("cpu runs on a gpu engine", cpu, NV, "SUCCESS"),
                Arguments.of("cuda needs an nvidia gpu", cuda, CPU, "FILTERED no cuda device"),
                Arguments.of("cuda on nvidia", cuda, NV, "SUCCESS"),
                Arguments.of("cuda is not rocm", cuda, AMD, "FILTERED no cuda device"),
                Arguments.of("rocm on amd", rocm, AMD, "SUCCESS"),
                Arguments.of("rocm is not cuda", rocm, NV, "FILTERED no rocm device"),
                Arguments.of("fpga needs a card", fpga, NV, "FILTERED no fpga device"),
                Arguments.of("fpga on a card", fpga, FPGA, "SUCCESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void filter(String name, Workload w, EngineInfo e, String expected) {
        assertEquals(expected, brief(new DeviceKindFilter().filter(cycle(w, e), w, state(e))));
    }

    static Stream<Arguments> scores() {
        Workload cpu = Workload.builder("a").build();
        Workload cuda = Workload.builder("a").kind(DeviceKind.CUDA).build();
        Workload fpga = Workload.builder("a").kind(DeviceKind.FPGA).fpga("crc32c-v2", "").build();
        EngineInfo both = engine("both").gpus(1, io.harpoon.scheduler.api.GpuVendor.NVIDIA, "x", 24)
                .gpus(1, io.harpoon.scheduler.api.GpuVendor.AMD, "y", 64).build();
        return Stream.of(
                Arguments.of("cpu work prefers a plain host", cpu, CPU, 100L),
                Arguments.of("cpu work on a gpu host scores 0", cpu, NV, 0L),
                Arguments.of("cpu work on an fpga host scores 0", cpu, FPGA, 0L),
                Arguments.of("cuda work on an nvidia-only host", cuda, NV, 100L),
                Arguments.of("cuda work next to unused amd gpus", cuda, both, 0L),
                Arguments.of("fpga work on an fpga host", fpga, FPGA, 100L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void score(String name, Workload w, EngineInfo e, long expected) {
        assertEquals(expected, new DeviceKindFilter().score(cycle(w, e), w, state(e)));
    }
}
