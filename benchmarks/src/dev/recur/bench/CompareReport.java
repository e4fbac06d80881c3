package dev.recur.bench;

import dev.recur.tensor.simd.FmaPeak;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report of benchmarks/compare.sh.
 * <ul>
 * <li>{@code jmh FILE THREADS}: a JMH CSV of {@link CompareBenchmark} as rows of the raw format
 * {@code framework,config,cell,threads,mode,value,unit};</li>
 * <li>{@code peak FILE THREADS}: a JMH CSV of {@link FmaPeakBenchmark} (run with {@code -t THREADS}) as the row
 * {@code fma-peak,-,-,THREADS,peak,GFLOP/s,GFLOP/s} (all threads together);</li>
 * <li>{@code report RAW KERNELS PREFIX}: PREFIX.csv, .md (a column per peer, Recur ÷ best peer, % of the measured
 * FMA peak for Recur and the best peer, the goal of each row, the kernels each peer ran) and .png;</li>
 * <li>{@code sweep RAW PREFIX}: the cost sweep as PREFIX-{hidden,steps,batch}.png and PREFIX.md.</li>
 * </ul>
 * Arithmetic per row: a forward of one sequence costs Σ over layers and steps of 2·G·H·(in + H) flops (G gates,
 * in the layer's input width); a training step is counted as 3× its forward (forward, then the products for the
 * input/state gradients and for the weight gradients, each as large as the forward's); the streaming step is one
 * forward step of batch 1. % of peak = flops/s ÷ (the measured one-core FMA peak × threads, or the measured
 * all-threads peak when there is one).
 */
public final class CompareReport {
    private CompareReport() {}

    record Row(String framework, String config, String cell, int threads, String mode, double value, String unit) {
        String key() { return config + "," + cell + "," + threads + "," + mode; }
    }

    /** Recur ÷ best peer a row must reach, unless Recur is at 90 % of the FMA peak (issue 15). */
    static final double GOAL_RATIO = 1.2, GOAL_PEAK = 0.9;

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "jmh" -> fromJmh(Path.of(args[1]), Integer.parseInt(args[2])).forEach(r -> System.out.println(csv(r)));
            case "peak" -> System.out.println(csv(peak(Path.of(args[1]), Integer.parseInt(args[2]))));
            case "report" -> report(Path.of(args[1]), Path.of(args[2]), args[3]);
            case "sweep" -> sweep(Path.of(args[1]), args[2]);
            default -> throw new IllegalArgumentException(
                    "usage: CompareReport jmh FILE THREADS | peak FILE THREADS | report RAW KERNELS PREFIX | sweep RAW PREFIX");
        }
    }

    static String csv(Row r) {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.3f,%s", r.framework, r.config, r.cell, r.threads, r.mode, r.value, r.unit);
    }

    static List<CSVRecord> records(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    static List<Row> fromJmh(Path file, int threads) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (CSVRecord r : records(file)) {
            String bench = r.get("Benchmark");
            String mode = bench.substring(bench.lastIndexOf('.') + 1);
            String[] job = (r.isMapped("Param: job") && !r.get("Param: job").isEmpty() ? r.get("Param: job") : r.get("Param: stream")).split(":");
            double score = Double.parseDouble(r.get("Score"));
            rows.add(mode.equals("step") ? new Row("recur", job[0], job[1], threads, mode, score, "us/step")
                    : new Row("recur", job[0], job[1], threads, mode, score * CompareBenchmark.batchOf(job[0]), "seq/s"));
        }
        return rows;
    }

    /**
     * FmaPeakBenchmark's score × 2 flops × lanes, in GFLOP/s. JMH's throughput with {@code -t N} is already the sum
     * over the N threads (FMA vectors per second, all threads together), so it is not multiplied by the threads.
     */
    static Row peak(Path file, int threads) throws IOException {
        double score = Double.parseDouble(records(file).getFirst().get("Score"));
        return new Row("fma-peak", "-", "-", threads, "peak", score * 2 * FmaPeak.lanes() / 1e9, "GFLOP/s");
    }

    /** Flops of one sequence's forward in a config (S: one streaming step). */
    static double forwardFlops(String config, String cell) {
        int gates = switch (cell) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };
        int steps, in, hidden;
        switch (config) {
            case "C" -> { steps = 387; in = 13; hidden = 128; }
            case "M" -> { steps = 64; in = 64; hidden = 256; }
            case "S" -> { steps = 1; in = 256; hidden = 256; }
            default -> throw new IllegalArgumentException(config);
        }
        double perStep = 2.0 * gates * hidden * (in + hidden) + 2.0 * gates * hidden * (hidden + hidden);
        return steps * perStep;
    }

    /** GFLOP/s a row's value stands for. */
    static double gflops(Row r) {
        double f = forwardFlops(r.config, r.cell) * (r.mode.equals("train") ? 3 : 1);
        return r.unit.equals("us/step") ? f / (r.value * 1e-6) / 1e9 : f * r.value / 1e9;
    }

    static String peerLabel(String framework) {
        if (framework.startsWith("pytorch-")) return "PyTorch " + framework.substring(8) + " (Debian, OpenBLAS)";
        if (framework.startsWith("libtorch")) {
            String[] p = framework.split("-djl");
            return "libtorch " + p[0].substring(8) + " (DJL " + p[1] + ")";
        }
        if (framework.startsWith("onnxruntime")) return "ONNX Runtime " + framework.substring(11) + " (Java)";
        return framework;
    }

    static void report(Path raw, Path kernels, String prefix) throws IOException {
        Map<String, Row> recur = new LinkedHashMap<>();
        Map<String, Map<String, Row>> peers = new TreeMap<>(); // framework -> key -> row
        Map<Integer, Double> peak = new TreeMap<>();
        for (CSVRecord c : records(raw)) {
            Row r = new Row(c.get("framework"), c.get("config"), c.get("cell"), Integer.parseInt(c.get("threads")),
                    c.get("mode"), Double.parseDouble(c.get("value")), c.get("unit"));
            if (r.framework.equals("recur")) recur.put(r.key(), r);
            else if (r.framework.equals("fma-peak")) peak.put(r.threads, r.value);
            else peers.computeIfAbsent(r.framework, f -> new LinkedHashMap<>()).put(r.key(), r);
        }
        Map<String, String> paths = new LinkedHashMap<>();
        if (Files.exists(kernels)) {
            for (CSVRecord c : records(kernels)) {
                paths.put(c.get("framework") + "|" + c.get("config") + "," + c.get("cell") + "," + c.get("mode"), c.get("kernels"));
            }
        }
        List<String> fw = new ArrayList<>(peers.keySet());
        // PyTorch 1.13 (the earlier reference), then libtorch, then ONNX Runtime, then anything else
        fw.sort(java.util.Comparator.comparingInt((String f) -> f.startsWith("pytorch") ? 0 : f.startsWith("libtorch") ? 1
                : f.startsWith("onnxruntime") ? 2 : 3).thenComparing(f -> f));
        StringBuilder md = new StringBuilder("| row | threads | unit |");
        StringBuilder csvOut = new StringBuilder("config,cell,mode,threads,unit");
        for (String f : fw) {
            md.append(' ').append(peerLabel(f)).append(" |");
            csvOut.append(',').append(f);
        }
        md.append(" Recur | Recur ÷ best peer | Recur % of peak | best peer % of peak | goal |\n|---|---:|---|");
        md.append("---:|".repeat(fw.size())).append("---:|---:|---:|---:|---|\n");
        csvOut.append(",recur,best_peer,recur_over_best_peer,recur_pct_peak,best_peer_pct_peak,goal_met\n");
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Row r : recur.values()) {
            boolean latency = r.unit.equals("us/step");
            Row best = null;
            StringBuilder cells = new StringBuilder();
            StringBuilder csvCells = new StringBuilder();
            for (String f : fw) {
                Row p = peers.get(f).get(r.key());
                cells.append(p == null ? " – |" : String.format(" %.1f |", p.value));
                csvCells.append(',').append(p == null ? "" : String.format("%.3f", p.value));
                if (p != null && (best == null || (latency ? p.value < best.value : p.value > best.value))) best = p;
            }
            double ratio = best == null ? Double.NaN : latency ? best.value / r.value : r.value / best.value;
            Double pk = peak.containsKey(r.threads) ? peak.get(r.threads)
                    : peak.containsKey(1) ? peak.get(1) * r.threads : null;
            double recurPct = pk == null ? Double.NaN : 100 * gflops(r) / pk;
            double bestPct = pk == null || best == null ? Double.NaN : 100 * gflops(best) / pk;
            boolean met = ratio >= GOAL_RATIO || recurPct >= 100 * GOAL_PEAK;
            String goal = best == null ? "no peer" : met ? (ratio >= GOAL_RATIO ? "✓ ≥ 1.2×" : "✓ ≥ 90 % of peak") : "✗";
            String row = r.config + " " + r.cell.toUpperCase(Locale.ROOT) + " " + r.mode;
            md.append(String.format("| %s | %d | %s |%s %.1f | %s | %.0f %% | %s | %s |%n", row, r.threads, r.unit, cells,
                    r.value, Double.isNaN(ratio) ? "–" : String.format("%.2f× (%s)", ratio, peerLabel(best.framework).split(" \\(")[0]),
                    recurPct, Double.isNaN(bestPct) ? "–" : String.format("%.0f %%", bestPct), goal));
            csvOut.append(String.format("%s,%s,%s,%d,%s%s,%.3f,%s,%.3f,%.1f,%.1f,%s%n", r.config, r.cell, r.mode, r.threads,
                    r.unit, csvCells, r.value, best == null ? "" : best.framework, ratio, recurPct, bestPct, met));
            if (!Double.isNaN(ratio)) {
                labels.add(r.config + " " + r.cell + " " + r.mode + " " + r.threads + "t");
                ratios.add(ratio);
            }
        }
        if (!peak.isEmpty()) {
            md.append("\nMeasured FMA peak (FmaPeakBenchmark, ").append(FmaPeak.lanes()).append(" float lanes):");
            peak.forEach((t, v) -> md.append(String.format(" %d thread%s %.1f GFLOP/s;", t, t == 1 ? "" : "s", v)));
            md.setLength(md.length() - 1);
            md.append(".\n");
        }
        if (!paths.isEmpty()) {
            md.append("\nKernels each peer ran (one call of each job, 1 thread):\n\n| peer | job | kernels |\n|---|---|---|\n");
            paths.forEach((k, v) -> {
                String[] p = k.split("\\|");
                md.append("| ").append(peerLabel(p[0]).split(" \\(")[0]).append(" | ").append(p[1].replace(',', ' '))
                        .append(" | ").append(v).append(" |\n");
            });
        }
        Files.writeString(Path.of(prefix + ".csv"), csvOut);
        Files.writeString(Path.of(prefix + ".md"), md);
        System.out.print(md);
        if (labels.isEmpty()) return;
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520)
                .title("Recur ÷ best peer (same machine, same run; > 1 = Recur faster; goal 1.2)")
                .xAxisTitle("config, cell, mode, threads").yAxisTitle("Recur ÷ best peer (×)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("ratio", labels, ratios);
        BitmapEncoder.saveBitmap(chart, prefix, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The sweep rows framework,axis,hidden,steps,batch,threads,seq/s as three log-log charts and a table. */
    static void sweep(Path raw, String prefix) throws IOException {
        Map<String, Map<String, TreeMap<Integer, Double>>> byAxis = new LinkedHashMap<>(); // axis -> series -> x -> seq/s
        Set<String> frameworks = new LinkedHashSet<>();
        for (CSVRecord c : records(raw)) {
            String axis = c.get("axis");
            int x = Integer.parseInt(c.get(axis));
            String series = c.get("framework") + ", " + c.get("threads") + " thread" + (c.get("threads").equals("1") ? "" : "s");
            frameworks.add(series);
            byAxis.computeIfAbsent(axis, a -> new LinkedHashMap<>()).computeIfAbsent(series, s -> new TreeMap<>())
                    .put(x, Double.parseDouble(c.get("seq/s")));
        }
        StringBuilder md = new StringBuilder();
        for (var e : byAxis.entrySet()) {
            String axis = e.getKey();
            XYChart chart = new XYChartBuilder().width(820).height(460)
                    .title("seq/s against " + axis + " (2 x LSTM, 64 inputs; else H 256, 64 steps, batch 64)")
                    .xAxisTitle(axis).yAxisTitle("sequences per second").build();
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            md.append("| ").append(axis).append(" |");
            List<Integer> xs = new ArrayList<>(new java.util.TreeSet<>(e.getValue().values().stream()
                    .flatMap(m -> m.keySet().stream()).toList()));
            for (String s : e.getValue().keySet()) md.append(' ').append(s).append(" |");
            md.append("\n|---:|").append("---:|".repeat(e.getValue().size())).append('\n');
            for (int x : xs) {
                md.append("| ").append(x).append(" |");
                for (TreeMap<Integer, Double> m : e.getValue().values()) {
                    Double v = m.get(x);
                    md.append(v == null ? " – |" : String.format(" %.1f |", v));
                }
                md.append('\n');
            }
            md.append('\n');
            for (var s : e.getValue().entrySet()) {
                chart.addSeries(s.getKey(), s.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                        s.getValue().values().stream().mapToDouble(Double::doubleValue).toArray());
            }
            BitmapEncoder.saveBitmap(chart, prefix + "-" + axis, BitmapEncoder.BitmapFormat.PNG);
        }
        Files.writeString(Path.of(prefix + ".md"), md);
        System.out.print(md);
    }
}
