package io.harpoon.scheduler.cli;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuVendor;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Scheduler;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.store.PlacementStore;
import java.nio.file.Path;
import java.util.List;

/** Child process for {@link PlacementsCommandTest}: plays the gateway holding the store open until stdin closes. */
public final class StoreHolder {
    private StoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (PlacementStore store = PlacementStore.open(Path.of(args[0]))) {
            Scheduler s = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS));
            EngineInfo e = EngineInfo.builder("remote-24001").cores(16).memoryGiB(64)
                    .gpus(1, GpuVendor.NVIDIA, "L40S", 48).build();
            store.record(s.schedule(ClusterSnapshot.of(List.of(e), List.of()),
                    Workload.builder("held-by-gateway").kind(DeviceKind.CUDA).vramGiB(8).build()));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() != -1) {
                // Hold the store open until the parent closes our stdin.
            }
        }
    }
}
