package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.Reservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One engine with its reservations folded in: what is free right now. Built once per engine per cycle; filters
 * read only this (Kubernetes' NodeInfo). Free amounts may be negative when the input over-commits; filters then
 * simply fail.
 */
public final class EngineState {
    private final EngineInfo info;
    private final List<Reservation> reservations;
    private final long freeCpuMillis;
    private final long freeMemoryBytes;
    /** Indexed like {@code info.gpus()}. */
    private final long[] freeVram;
    private final int[] holders;
    private final boolean[] exclusive;
    private final Set<Integer> heldFpgas;
    private final Set<String> residents;
    private final Set<String> residentsAvoid;

    private EngineState(EngineInfo info, List<Reservation> reservations) {
        this.info = info;
        this.reservations = List.copyOf(reservations);
        List<GpuDevice> gpus = info.gpus();
        freeVram = new long[gpus.size()];
        holders = new int[gpus.size()];
        exclusive = new boolean[gpus.size()];
        for (int i = 0; i < gpus.size(); i++) {
            freeVram[i] = gpus.get(i).memoryBytes();
        }
        long cpu = info.cpuMillis();
        long mem = info.memoryBytes();
        Set<Integer> fpgas = new TreeSet<>();
        Set<String> res = new TreeSet<>();
        Set<String> avoid = new TreeSet<>();
        for (Reservation r : reservations) {
            cpu -= r.cpuMillis();
            mem -= r.memoryBytes();
            for (int id : r.gpuIds()) {
                int pos = position(id);
                if (pos >= 0) {
                    freeVram[pos] -= r.vramPerGpuBytes();
                    holders[pos]++;
                    exclusive[pos] |= r.exclusiveGpu();
                }
            }
            fpgas.addAll(r.fpgaIds());
            res.add(r.workloadId());
            avoid.addAll(r.antiAffinity());
        }
        freeCpuMillis = cpu;
        freeMemoryBytes = mem;
        heldFpgas = Collections.unmodifiableSet(fpgas);
        residents = Collections.unmodifiableSet(res);
        residentsAvoid = Collections.unmodifiableSet(avoid);
    }

    /** Folds {@code reservations} (all on this engine) into free capacity. */
    public static EngineState of(EngineInfo info, List<Reservation> reservations) {
        requireNonNull(info, "info");
        requireNonNull(reservations, "reservations");
        for (Reservation r : reservations) {
            if (!r.engineId().equals(info.id())) {
                throw new IllegalArgumentException("reservation engine: " + r.engineId() + " (expected: "
                        + info.id() + ")");
            }
        }
        return new EngineState(info, reservations);
    }

    public EngineInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public List<Reservation> reservations() {
        return reservations;
    }

    public long freeCpuMillis() {
        return freeCpuMillis;
    }

    public long freeMemoryBytes() {
        return freeMemoryBytes;
    }

    /** Position of GPU {@code index} in {@code info().gpus()}, or -1. */
    public int position(int gpuIndex) {
        List<GpuDevice> gpus = info.gpus();
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i).index() == gpuIndex) {
                return i;
            }
        }
        return -1;
    }

    public long freeVram(int position) {
        return freeVram[position];
    }

    public int holders(int position) {
        return holders[position];
    }

    public boolean heldExclusively(int position) {
        return exclusive[position];
    }

    /**
     * Whether the GPU at {@code position} can take one more workload of this exclusivity and VRAM: never a GPU
     * someone holds exclusively; for an exclusive request only a GPU nobody holds.
     */
    public boolean gpuUsable(int position, long vramBytes, boolean wantExclusive) {
        if (exclusive[position] || (wantExclusive && holders[position] > 0)) {
            return false;
        }
        return freeVram[position] >= vramBytes;
    }

    /** Positions of the GPUs serving {@code kind}, in engine order. */
    public List<Integer> gpuPositions(DeviceKind kind) {
        List<Integer> out = new ArrayList<>();
        List<GpuDevice> gpus = info.gpus();
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i).kind() == kind) {
                out.add(i);
            }
        }
        return out;
    }

    public boolean fpgaHeld(int cardIndex) {
        return heldFpgas.contains(cardIndex);
    }

    /** ExApp ids placed here. */
    public Set<String> residents() {
        return residents;
    }

    /** ExApp ids that some resident refuses to share this engine with. */
    public Set<String> avoidedByResidents() {
        return residentsAvoid;
    }
}
