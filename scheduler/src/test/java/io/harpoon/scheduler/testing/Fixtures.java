package io.harpoon.scheduler.testing;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuVendor;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Status;
import io.harpoon.scheduler.model.PerfModel;
import io.harpoon.scheduler.plugins.resourcefit.ResourceFit;
import java.util.List;
import java.util.Set;

/** Fluent fixtures for plugin tables and scheduler tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static EngineInfo.Builder engine(String id) {
        return EngineInfo.builder(id).cores(32).memoryGiB(128);
    }

    public static EngineInfo cpuEngine(String id) {
        return engine(id).build();
    }

    public static EngineInfo nvidia(String id, int count, long gib) {
        return engine(id).gpus(count, GpuVendor.NVIDIA, "test-" + gib, gib).build();
    }

    public static EngineInfo amd(String id, int count, long gib) {
        return engine(id).gpus(count, GpuVendor.AMD, "mi-" + gib, gib).build();
    }

    public static Workload.Builder cuda(String id, long vramGiB) {
        return Workload.builder(id).kind(DeviceKind.CUDA).vramGiB(vramGiB).memoryGiB(1).cores(1);
    }

    /** A reservation holding {@code vramGiB} on each of {@code gpus}. */
    public static Reservation held(String id, String engine, DeviceKind kind, long vramGiB, Integer... gpus) {
        return new Reservation(id, engine, kind, List.of(gpus), Sizes.gib(vramGiB), false, List.of(), 0, 0,
                Set.of(), id);
    }

    public static Reservation heldRam(String id, String engine, long ramGiB, long cores) {
        return new Reservation(id, engine, DeviceKind.CPU, List.of(), 0, false, List.of(), Sizes.gib(ramGiB),
                cores * 1000, Set.of(), id);
    }

    public static EngineState state(EngineInfo e, Reservation... rs) {
        return EngineState.of(e, List.of(rs));
    }

    /** A cycle state as the Scheduler would prepare it: snapshot written, resourcefit's PreFilter run. */
    public static CycleState cycle(Workload w, EngineInfo e, PerfModel models, Reservation... rs) {
        CycleState c = new CycleState();
        c.put(CycleState.SNAPSHOT, new ClusterSnapshot(List.of(e), List.of(rs), models));
        Status s = new ResourceFit().preFilter(c, w);
        if (s.code() != Code.SUCCESS) {
            throw new AssertionError(s);
        }
        return c;
    }

    public static CycleState cycle(Workload w, EngineInfo e, Reservation... rs) {
        return cycle(w, e, PerfModel.EMPTY, rs);
    }

    /** "CODE text" of a status's first reason, or "SUCCESS". */
    public static String brief(Status s) {
        return s.isSuccess() ? "SUCCESS" : s.code() + " " + s.reasons().get(0).text();
    }
}
