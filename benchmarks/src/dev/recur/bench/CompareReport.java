package dev.recur.bench;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins Recur's JMH results with PyTorch's (benchmarks/compare.sh) into a CSV, a Markdown table and a
 * bar chart of speed-ups. {@code jmh FILE THREADS} converts a JMH CSV of {@link CompareBenchmark} into
 * rows of the shared format; {@code report RAW PREFIX} writes PREFIX.csv, .md and .png.
 */
public final class CompareReport {

    record Row(String framework, String config, String cell, int threads, String mode, double value, String unit) {
        String key() { return config + "," + cell + "," + threads + "," + mode; }
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "jmh" -> fromJmh(Path.of(args[1]), Integer.parseInt(args[2])).forEach(r -> System.out.println(csv(r)));
            case "report" -> report(Path.of(args[1]), args[2]);
            default -> throw new IllegalArgumentException("usage: CompareReport jmh FILE THREADS | report RAW PREFIX");
        }
    }

    static String csv(Row r) {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.3f,%s", r.framework, r.config, r.cell, r.threads, r.mode, r.value, r.unit);
    }

    static List<Row> fromJmh(Path file, int threads) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String bench = r.get("Benchmark");
                String mode = bench.substring(bench.lastIndexOf('.') + 1);
                String[] job = (r.isMapped("Param: job") && !r.get("Param: job").isEmpty() ? r.get("Param: job") : r.get("Param: stream")).split(":");
                String config = job[0], cell = job[1];
                double score = Double.parseDouble(r.get("Score"));
                if (mode.equals("step")) {
                    rows.add(new Row("recur", config, cell, threads, mode, score, "us/step"));
                } else {
                    rows.add(new Row("recur", config, cell, threads, mode, score * CompareBenchmark.batchOf(config), "seq/s"));
                }
            }
        }
        return rows;
    }

    static void report(Path raw, String prefix) throws IOException {
        Map<String, Row> recur = new LinkedHashMap<>();
        Map<String, Row> torch = new LinkedHashMap<>();
        String torchVersion = "pytorch";
        try (Reader in = Files.newBufferedReader(raw)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                Row row = new Row(r.get("framework"), r.get("config"), r.get("cell"), Integer.parseInt(r.get("threads")),
                        r.get("mode"), Double.parseDouble(r.get("value")), r.get("unit"));
                if (row.framework.equals("recur")) recur.put(row.key(), row);
                else { torch.put(row.key(), row); torchVersion = row.framework; }
            }
        }
        StringBuilder csv = new StringBuilder("config,cell,threads,mode,unit,pytorch,recur,speedup\n");
        StringBuilder md = new StringBuilder("| config | cell | threads | mode | unit | " + torchVersion + " | Recur | Recur speed-up |\n|---|---|---|---|---|---:|---:|---:|\n");
        List<String> labels = new ArrayList<>();
        List<Double> speedups = new ArrayList<>();
        for (Row t : torch.values()) {
            Row r = recur.get(t.key());
            if (r == null) continue;
            // seq/s: higher is better; us/step: lower is better. Speed-up > 1 means Recur is faster.
            double speedup = t.unit.equals("us/step") ? t.value / r.value : r.value / t.value;
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%.2f,%.2f,%.3f%n", t.config, t.cell, t.threads, t.mode, t.unit, t.value, r.value, speedup));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.1f | %.1f | %.2f× |%n", t.config, t.cell, t.threads, t.mode, t.unit, t.value, r.value, speedup));
            labels.add(t.config + " " + t.cell + " " + t.mode + " " + t.threads + "t");
            speedups.add(speedup);
        }
        Files.writeString(Path.of(prefix + ".csv"), csv);
        Files.writeString(Path.of(prefix + ".md"), md);
        if (labels.isEmpty()) return;
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
                .title("Recur speed-up over " + torchVersion + " (same machine, same run; >1 = Recur faster)")
                .xAxisTitle("config, cell, mode, threads").yAxisTitle("speed-up (×)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("speed-up", labels, speedups);
        BitmapEncoder.saveBitmap(chart, prefix, BitmapEncoder.BitmapFormat.PNG);
        System.out.print(md);
    }
}
