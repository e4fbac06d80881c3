package dev.recur.cli;

import dev.recur.docs.DocFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/series.md's worked example, run as written (train-series, then forecast with a held-out day): the outputs,
 * the CSV excerpt and every figure the prose quotes are what the commands print today. With
 * {@code -Drecur.docs.update=true} the page and its forecast.png are rewritten from this run.
 */
class SeriesDocTest {
    private static final Path DOC = Path.of("docs/series.md");

    @Test void theWorkedExampleIsWhatTheCommandsPrint(@TempDir Path dir) throws Exception {
        String doc = Files.readString(DOC);
        String train = "--window 48 --horizon 6 --cell lstm --units 32 --epochs 30 --season 24 --out models/load";
        String forecast = "--steps 48 --holdout 24";
        assertTrue(doc.contains(train) && doc.contains(forecast), "the page's commands changed; change this test with them");

        Path model = dir.resolve("load"), csv = dir.resolve("forecast.csv"), png = dir.resolve("forecast.png");
        TrainSeriesResumeTest.Run t = TrainSeriesResumeTest.run("train-series", "samples/series/hourly_load.csv", "--target", "load",
                "--time", "time", "--window", "48", "--horizon", "6", "--cell", "lstm", "--units", "32", "--epochs", "30",
                "--season", "24", "--out", model.toString(), "--quiet");
        assertEquals(ExitCodes.OK, t.code(), t.err());
        TrainSeriesResumeTest.Run f = TrainSeriesResumeTest.run("forecast", "--model", model.toString(), "samples/series/hourly_load.csv",
                "--steps", "48", "--holdout", "24", "--out", csv.toString(), "--plot", png.toString());
        assertEquals(ExitCodes.OK, f.code(), f.err());

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("series.train", t.out().replace(model.toString(), "models/load"));
        figures.put("series.forecast", f.out().replace(csv.toString(), "forecast.csv").replace(png.toString(), "forecast.png"));
        List<String> rows = Files.readAllLines(csv);
        figures.put("series.csv", String.join("\n", rows.get(0), rows.get(1), rows.get(2), "...", rows.get(25)));

        double lstm = rmse(t.out(), "model \\(lstm\\)"), persistence = rmse(t.out(), "persistence"), seasonal = rmse(t.out(), "seasonal naive \\(S=24\\)");
        Matcher held = Pattern.compile("held-out 24 steps: model MAE \\S+ +RMSE (\\S+);").matcher(f.out());
        assertTrue(held.find(), f.out());
        figures.put("series.rmse", fmt("%.2f", lstm));
        figures.put("series.vs.persistence", fmt("%.1f", persistence / lstm));
        figures.put("series.vs.seasonal", fmt("%.1f", seasonal / lstm));
        figures.put("series.holdout.rmse", fmt("%.2f", Double.parseDouble(held.group(1))));
        DocFigures.check(DOC, figures);
        if (Boolean.getBoolean("recur.docs.update")) Files.copy(png, Path.of("docs/series/forecast.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static double rmse(String out, String row) {
        Matcher m = Pattern.compile("\\n +" + row + " +\\S+ +(\\S+)\\n").matcher(out);
        assertTrue(m.find(), row + " in " + out);
        return Double.parseDouble(m.group(1));
    }

    private static String fmt(String format, double v) { return String.format(Locale.ROOT, format, v); }
}
