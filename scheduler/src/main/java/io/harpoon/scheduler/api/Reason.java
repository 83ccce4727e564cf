package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

/**
 * One failing reason with its numbers. {@code text} is a constant of the plugin that reports it (never formatted
 * per engine), so reasons group by text in the summary line.
 *
 * @param plugin    plugin NAME
 * @param code      FILTERED or EXHAUSTED
 * @param text      constant, e.g. "insufficient VRAM", "no cuda device"
 * @param unit      unit of the numbers; NONE when the reason has none
 * @param requested what the workload asked for
 * @param free      the most that was free on this engine
 * @param capacity  the total on this engine
 */
public record Reason(String plugin, Code code, String text, Unit unit, long requested, long free, long capacity) {
    public Reason {
        requireNonNull(plugin, "plugin");
        requireNonNull(code, "code");
        requireNonNull(text, "text");
        requireNonNull(unit, "unit");
        if (code == Code.SUCCESS) {
            throw new IllegalArgumentException("code: SUCCESS (expected: a failing code)");
        }
    }

    public static Reason filtered(String plugin, String text) {
        return new Reason(plugin, Code.FILTERED, text, Unit.NONE, 0, 0, 0);
    }

    public static Reason exhausted(String plugin, String text, Unit unit, long requested, long free, long capacity) {
        return new Reason(plugin, Code.EXHAUSTED, text, unit, requested, free, capacity);
    }

    /** "insufficient VRAM (need 8 GiB, free 6 GiB of 24 GiB)" or just the text. */
    public String describe() {
        if (unit == Unit.NONE) {
            return text;
        }
        return text + " (need " + unit.format(requested) + ", free " + unit.format(free) + " of "
                + unit.format(capacity) + ")";
    }
}
