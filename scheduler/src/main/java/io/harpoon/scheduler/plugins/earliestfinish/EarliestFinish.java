package io.harpoon.scheduler.plugins.earliestfinish;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.CycleState;
import io.harpoon.scheduler.framework.EngineState;
import io.harpoon.scheduler.framework.Score;
import io.harpoon.scheduler.model.PerfModel;
import io.harpoon.scheduler.model.Prediction;
import java.util.Locale;

/**
 * Score, StarPU dmda / HEFT style: expected finish time on each engine =
 *
 * <pre>
 *   queue    sum of the modelled run times of residents of the same compute kind (they time-slice the device)
 * + run      this workload's modelled run time on this engine
 * + transfer transferBytes / measured host-to-device bandwidth (0 for cpu)
 * </pre>
 *
 * Normalized over the cycle: earliest finish 100, latest 0. An engine whose model is CALIBRATING or missing gets
 * the neutral {@link #UNKNOWN_SCORE} and a note instead of a guess; a resident without a model adds no queue.
 */
public final class EarliestFinish implements Score {
    public static final String NAME = "earliestfinish";
    /** Neutral score for engines without a usable model: neither preferred nor avoided. */
    public static final long UNKNOWN_SCORE = 50;

    private static final long UNKNOWN = -1;

    /** Finish time parts in milliseconds; {@code total() < 0} when unknown. */
    public record Estimate(Prediction prediction, long queueMillis, long runMillis, long transferMillis) {
        public long total() {
            return prediction instanceof Prediction.Modelled ? queueMillis + runMillis + transferMillis : UNKNOWN;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The estimate for one engine; public for explanations and tests. */
    public static Estimate estimate(PerfModel models, Workload w, EngineState e) {
        Prediction p = models.predict(w.modelKey(), e.id());
        long queue = 0;
        for (Reservation r : e.reservations()) {
            if (r.kind() == w.kind() && models.predict(r.modelKey(), e.id()) instanceof Prediction.Modelled m) {
                queue += millis(m.meanSeconds());
            }
        }
        long run = p instanceof Prediction.Modelled m ? millis(m.meanSeconds()) : 0;
        long transfer = 0;
        if (w.kind() != DeviceKind.CPU && w.transferBytes() > 0) {
            transfer = Math.ceilDiv(Math.multiplyExact(w.transferBytes(), 1000L),
                    models.hostToDeviceBytesPerSecond(e.id()));
        }
        return new Estimate(p, queue, run, transfer);
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000.0);
    }

    @Override
    public long score(CycleState state, Workload w, EngineState engine) {
        return estimate(state.get(CycleState.SNAPSHOT).models(), w, engine).total();
    }

    @Override
    public void normalize(CycleState state, Workload w, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            if (s != UNKNOWN) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] == UNKNOWN) {
                scores[i] = UNKNOWN_SCORE;
            } else if (max == min) {
                scores[i] = MAX_SCORE;
            } else {
                scores[i] = MAX_SCORE - (scores[i] - min) * MAX_SCORE / (max - min);
            }
        }
    }

    @Override
    public String note(CycleState state, Workload w, EngineState engine) {
        Estimate e = estimate(state.get(CycleState.SNAPSHOT).models(), w, engine);
        return switch (e.prediction()) {
            case Prediction.Calibrating c -> "calibrating (" + c.samples() + "/" + c.needed() + " samples)";
            case Prediction.NoModel n -> "no model";
            case Prediction.Modelled m -> String.format(Locale.ROOT,
                    "finish %.1f s (queue %.1f + run %.1f + transfer %.1f)", e.total() / 1000.0,
                    e.queueMillis() / 1000.0, e.runMillis() / 1000.0, e.transferMillis() / 1000.0);
        };
    }
}
