package io.harpoon.scheduler.plugins.fpgacompat;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.FpgaCard;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Unit;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Filter;
import io.harpoon.scheduler.framework.ReservationDraft;
import io.harpoon.scheduler.framework.Reserve;
import io.harpoon.scheduler.framework.Score;
import io.harpoon.scheduler.framework.Status;
import java.util.List;

/**
 * FPGA workloads only (others pass and score 0 everywhere).
 *
 * <p>Filter: a card of the required family can run the bitstream (loaded now or compatible): else FILTERED; such
 * a card exists but all are held: EXHAUSTED (a card is never shared). Score: a free card with the bitstream
 * already loaded 100 (no reprogramming), only reprogrammable 50. Reserve: that card, lowest index first.
 */
public final class FpgaCompat implements Filter, Score, Reserve {
    public static final String NAME = "fpgacompat";
    public static final String NO_COMPATIBLE_BITSTREAM = "no compatible bitstream";
    public static final String CARDS_BUSY = "compatible FPGA cards busy";
    /** Score of a card that must be reprogrammed first. */
    public static final long REPROGRAM_SCORE = 50;

    private static final Status INCOMPATIBLE = Status.of(Reason.filtered(NAME, NO_COMPATIBLE_BITSTREAM));

    @Override
    public String name() {
        return NAME;
    }

    private static boolean matches(FpgaCard c, Workload w) {
        return (w.fpgaFamily().isEmpty() || w.fpgaFamily().equals(c.family())) && c.canRun(w.fpgaBitstream());
    }

    @Override
    public Status filter(CycleState state, Workload w, EngineState engine) {
        if (w.kind() != DeviceKind.FPGA) {
            return Status.SUCCESS;
        }
        int compatible = 0;
        int free = 0;
        for (FpgaCard c : engine.info().fpgas()) {
            if (matches(c, w)) {
                compatible++;
                if (!engine.fpgaHeld(c.index())) {
                    free++;
                }
            }
        }
        if (compatible == 0) {
            return INCOMPATIBLE;
        }
        if (free == 0) {
            return Status.of(Reason.exhausted(NAME, CARDS_BUSY, Unit.COUNT, 1, 0, compatible));
        }
        return Status.SUCCESS;
    }

    /** Best free card: loaded first, then reprogrammable, lowest index; null when none. */
    private static FpgaCard best(Workload w, EngineState engine) {
        FpgaCard reprogram = null;
        for (FpgaCard c : engine.info().fpgas()) {
            if (!matches(c, w) || engine.fpgaHeld(c.index())) {
                continue;
            }
            if (c.loadedBitstream().equals(w.fpgaBitstream())) {
                return c;
            }
            if (reprogram == null) {
                reprogram = c;
            }
        }
        return reprogram;
    }

    @Override
    public long score(CycleState state, Workload w, EngineState engine) {
        if (w.kind() != DeviceKind.FPGA) {
            return 0;
        }
        FpgaCard c = best(w, engine);
        if (c == null) {
            return 0;
        }
        return c.loadedBitstream().equals(w.fpgaBitstream()) ? MAX_SCORE : REPROGRAM_SCORE;
    }

    @Override
    public Status reserve(CycleState state, Workload w, EngineState engine, ReservationDraft draft) {
        if (w.kind() != DeviceKind.FPGA) {
            return Status.SUCCESS;
        }
        FpgaCard c = best(w, engine);
        if (c == null) {
            return Status.of(Reason.exhausted(NAME, CARDS_BUSY, Unit.COUNT, 1, 0, engine.info().fpgas().size()));
        }
        draft.fpgaIds(List.of(c.index()));
        return Status.SUCCESS;
    }
}
