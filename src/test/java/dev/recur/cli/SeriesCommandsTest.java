package dev.recur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.samples.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** train-series and forecast end to end through Main.run, on small generated CSVs. */
class SeriesCommandsTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Daily rows with a date column, a noisy weekly sine "y" and a driver "x" (semicolon CSV, decimal commas). */
    private static Path sineCsv(Path dir, int rows) throws IOException {
        double[] y = SyntheticSeries.noisySine(rows, 7, 20, 5, 0.3, 3);
        double[][] xy = SyntheticSeries.laggedDriver(rows, 2, 1, 0.1, 4);
        StringBuilder sb = new StringBuilder("date;y;x\n");
        java.time.LocalDate d = java.time.LocalDate.of(2025, 1, 1);
        for (int t = 0; t < rows; t++)
            sb.append(d.plusDays(t)).append(';').append(String.format(Locale.ROOT, "%.4f", y[t]).replace('.', ','))
                    .append(';').append(String.format(Locale.ROOT, "%.4f", xy[0][t]).replace('.', ',')).append('\n');
        Path f = dir.resolve("daily.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test void trainThenForecast(@TempDir Path dir) throws IOException {
        Path csv = sineCsv(dir, 300);
        Path model = dir.resolve("model");
        Run train = run("train-series", csv.toString(), "--target", "y", "--time", "date", "--window", "14", "--horizon", "2",
                "--cell", "gru", "--units", "8", "--epochs", "4", "--lr", "0.02", "--batch", "16", "--seed", "3", "--season", "7",
                "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("persistence") && train.out().contains("seasonal naive (S=7)"), train.out());
        for (String f : List.of("model.json", "model.safetensors", "metrics.csv", "loss.png")) assertTrue(Files.size(model.resolve(f)) > 0, f);
        List<String> metrics = Files.readAllLines(model.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,val_loss", metrics.getFirst());
        @SuppressWarnings("unchecked") Map<String, Object> json = new ObjectMapper().readValue(model.resolve("model.json").toFile(), Map.class);
        @SuppressWarnings("unchecked") Map<String, Object> series = (Map<String, Object>) ((Map<String, Object>) json.get("features")).get("series");
        assertEquals(List.of("y"), series.get("targets"));
        assertEquals(14, series.get("window"));
        assertEquals("date", series.get("time"));
        assertTrue(((Map<?, ?>) series.get("scaler")).containsKey("y"));
        @SuppressWarnings("unchecked") Map<String, Object> meta = (Map<String, Object>) json.get("metadata");
        assertEquals(metrics.size() - 1, meta.get("epochs_run"));

        Path out = dir.resolve("f.csv"), png = dir.resolve("f.png");
        Run fc = run("forecast", "--model", model.toString(), csv.toString(), "--steps", "10", "--holdout", "4",
                "--out", out.toString(), "--plot", png.toString());
        assertEquals(0, fc.code(), fc.err());
        assertTrue(fc.out().contains("held-out 4 steps: model MAE"), fc.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("step,date,y,y_actual", lines.getFirst());
        assertEquals(11, lines.size());
        assertTrue(lines.get(1).startsWith("1,2025-10-24,"), lines.get(1)); // row 297 of 300 is 2025-10-24
        assertTrue(lines.get(10).startsWith("10,2025-11-02,") && lines.get(10).endsWith(","), lines.get(10));
        assertTrue(Files.size(png) > 0);
        // the forecast is in original units: around the level 20 ± amplitude 5
        for (String l : lines.subList(1, lines.size())) {
            double v = Double.parseDouble(l.split(",")[2]);
            assertTrue(v > 10 && v < 30, l);
        }
    }

    @Test void modelsWithOtherFeaturesRefuseRecursionPastTheHorizon(@TempDir Path dir) throws IOException {
        Path csv = sineCsv(dir, 200);
        Path model = dir.resolve("m");
        assertEquals(0, run("train-series", csv.toString(), "--target", "y", "--features", "x", "--time", "date", "--window", "6",
                "--horizon", "3", "--units", "4", "--epochs", "1", "--out", model.toString()).code());
        Run ok = run("forecast", "--model", model.toString(), csv.toString(), "--steps", "3", "--out", dir.resolve("a.csv").toString());
        assertEquals(0, ok.code(), ok.err());
        Run no = run("forecast", "--model", model.toString(), csv.toString(), "--steps", "4", "--out", dir.resolve("b.csv").toString());
        assertEquals(ExitCodes.FAILURE, no.code());
        assertTrue(no.err().contains("at most its horizon of 3 steps") && no.err().strip().lines().count() == 1, no.err());
        assertFalse(Files.exists(dir.resolve("b.csv")));
    }

    @Test void badInputGivesOneLineAndExitCode1(@TempDir Path dir) throws IOException {
        Path gaps = dir.resolve("gaps.csv");
        Files.writeString(gaps, "t,v\n1,1\n2,NA\n3,3\n");
        Run r = run("train-series", gaps.toString(), "--target", "v", "--window", "2", "--horizon", "1", "--out", dir.resolve("m").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals("recur train-series: " + gaps + ": row 2 (line 3), column 'v': missing value 'NA'; use --fill forward or --fill linear to fill gaps",
                r.err().strip());

        r = run("train-series", gaps.toString(), "--target", "v", "--window", "2", "--horizon", "1", "--fill", "linear", "--out", dir.resolve("m").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().strip().endsWith("3 rows are too few for window 2 and horizon 1 with a 70/15/15% train/validation/test split; need at least 6 rows"),
                r.err());

        r = run("train-series", gaps.toString(), "--target", "nope", "--window", "2", "--horizon", "1", "--out", dir.resolve("m").toString());
        assertEquals("recur train-series: " + gaps + ": no column 'nope'; the header has t, v", r.err().strip());

        r = run("train-series", gaps.toString(), "--target", "v", "--window", "2", "--horizon", "1", "--cell", "tcn", "--out", dir.resolve("m").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("recur train-series: --cell must be rnn, lstm or gru, got 'tcn' (see 'recur train-series --help')", r.err().strip());

        Files.createDirectories(dir.resolve("empty"));
        r = run("forecast", "--model", dir.resolve("empty").toString(), gaps.toString(), "--steps", "2", "--out", dir.resolve("x.csv").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
