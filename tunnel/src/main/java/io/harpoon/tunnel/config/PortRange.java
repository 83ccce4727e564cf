package io.harpoon.tunnel.config;

import java.util.ArrayList;
import java.util.List;

/** An inclusive range of remote ports a client may bind ({@code allowPorts} in frps). */
public record PortRange(int from, int to) {
    public PortRange {
        if (from < 1 || from > 65535) {
            throw new IllegalArgumentException("from: " + from + " (expected: 1..65535)");
        }
        if (to < from || to > 65535) {
            throw new IllegalArgumentException("to: " + to + " (expected: " + from + "..65535)");
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    /** HaRP's ranges: ExApps 23000-23999, Docker engines 24000-24099 (harp-contract.md §11.1). */
    public static List<PortRange> harp() {
        return List.of(new PortRange(23000, 23999), new PortRange(24000, 24099));
    }

    /** Parses frps-style "23000-23999,24000-24099,8080". */
    public static List<PortRange> parse(String spec) {
        List<PortRange> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            try {
                out.add(dash < 0 ? new PortRange(Integer.parseInt(p), Integer.parseInt(p))
                        : new PortRange(Integer.parseInt(p.substring(0, dash).trim()),
                                Integer.parseInt(p.substring(dash + 1).trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowPorts: " + spec + " (expected: ranges like 23000-23999)");
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
