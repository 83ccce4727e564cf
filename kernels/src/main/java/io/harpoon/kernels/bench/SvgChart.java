package io.harpoon.kernels.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Throughput (GB/s, log scale) against batch bytes (log scale), one panel per kernel, one colour per backend.
 * Plain SVG so it renders on GitHub and in any browser without a plotting library.
 */
final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    private static final int W = 720;
    private static final int PANEL_H = 260;
    private static final int LEFT = 100;
    private static final int TOP = 40;
    private static final int PLOT_W = 520;
    private static final int PLOT_H = 190;

    private final List<Measurement> results;

    SvgChart(List<Measurement> results) {
        this.results = results.stream().filter(Measurement::measured).toList();
    }

    String render() {
        Set<String> kernels = new LinkedHashSet<>();
        Set<String> backends = new LinkedHashSet<>();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Measurement m : results) {
            kernels.add(m.kernel());
            backends.add(m.backend());
            minX = Math.min(minX, log2(m.batchBytes()));
            maxX = Math.max(maxX, log2(m.batchBytes()));
            minY = Math.min(minY, Math.log10(m.gbps()));
            maxY = Math.max(maxY, Math.log10(m.gbps()));
        }
        minY = Math.floor(minY);
        maxY = Math.ceil(maxY);
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        if (maxY <= minY) {
            maxY = minY + 1;
        }
        List<String> backendList = new ArrayList<>(backends);
        int h = TOP + Math.max(1, kernels.size()) * PANEL_H;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", W, h));
        sb.append("<text x=\"10\" y=\"20\" font-size=\"14\">Kernel throughput vs batch bytes (log-log, transfers included)</text>\n");
        int panel = 0;
        for (String k : kernels) {
            int y0 = TOP + panel++ * PANEL_H;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", LEFT, y0 + 12, k));
            int py = y0 + 20;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                    LEFT, py, PLOT_W, PLOT_H));
            for (double gy = minY; gy <= maxY; gy++) {
                double y = py + PLOT_H - (gy - minY) / (maxY - minY) * PLOT_H;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s GB/s</text>%n",
                        LEFT, LEFT + PLOT_W, y, y, LEFT - 4, y + 4, fmt(Math.pow(10, gy))));
            }
            for (int gx = (int) Math.ceil(minX); gx <= maxX; gx += 2) {
                double x = LEFT + (gx - minX) / (maxX - minX) * PLOT_W;
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        x, py + PLOT_H + 14, bytes(1L << gx)));
            }
            for (int bi = 0; bi < backendList.size(); bi++) {
                String b = backendList.get(bi);
                String colour = COLOURS[bi % COLOURS.length];
                for (Measurement m : results) {
                    if (!m.kernel().equals(k) || !m.backend().equals(b)) {
                        continue;
                    }
                    double x = LEFT + (log2(m.batchBytes()) - minX) / (maxX - minX) * PLOT_W;
                    double y = py + PLOT_H - (Math.log10(m.gbps()) - minY) / (maxY - minY) * PLOT_H;
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                            + "<title>%s %s %d B x %d: %.3f GB/s</title></circle>%n",
                            x, y, colour, b, k, m.bufferBytes(), m.buffers(), m.gbps()));
                }
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                        LEFT + PLOT_W + 20, py + 10 + bi * 16, colour, LEFT + PLOT_W + 28, py + 14 + bi * 16, b));
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double log2(double v) {
        return Math.log(Math.max(1, v)) / Math.log(2);
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }

    private static String bytes(long b) {
        if (b >= 1L << 20) {
            return (b >> 20) + " MiB";
        }
        return b >= 1024 ? (b >> 10) + " KiB" : b + " B";
    }
}
