package dev.recur.app.series;

import dev.recur.samples.SyntheticSeries;
import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesSpec;
import dev.recur.series.SeriesTable;
import dev.recur.series.WindowSet;
import dev.recur.series.WindowSpec;
import dev.recur.eval.ForecastBaselines;
import dev.recur.eval.ForecastScore;
import dev.recur.docs.DocFigures;
import java.nio.file.Path;
import java.util.Map;
import dev.recur.nn.Sequential;
import dev.recur.series.ChronoSplit.Part;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The recurrent model learns what the data holds: compared against baselines and a model that sees less. */
class SeriesLearningTest {

    private static ForecastScore fitAndScore(SeriesDataset ds, SeriesModel.Cell cell, int units, int epochs, long seed) {
        Sequential model = SeriesModel.build(ds.spec(), cell, units, 1, seed);
        SeriesTrainer.train(model, ds.windows(Part.TRAIN), ds.windows(Part.VALIDATION),
                new SeriesTrainer.Settings(epochs, 0.01, 32, seed, 5, 1.0), null);
        WindowSet test = ds.windows(Part.TEST);
        return ForecastScore.of(ds.unscale(SeriesTrainer.predict(model, test.inputs(), 256)), ds.truth(test.targetStarts()));
    }

    @Test void noisySineBeatsPersistence() throws java.io.IOException {
        double[] y = SyntheticSeries.noisySine(600, 20, 5, 2, 0.2, 11);
        SeriesDataset ds = SeriesDataset.fit(new SeriesTable("sine", List.of("y"), new double[][] {y}, null, 0),
                new SeriesSpec(List.of("y"), List.of(), null, new WindowSpec(16, 3)));
        long t0 = System.nanoTime();
        ForecastScore model = fitAndScore(ds, SeriesModel.Cell.GRU, 16, 15, 1);
        int[] starts = ds.windows(Part.TEST).targetStarts();
        ForecastScore pers = ForecastScore.of(ForecastBaselines.persistence(ds.targets(), starts, ds.spec().horizon()), ds.truth(starts));
        System.out.println("sine: model " + model + " persistence " + pers + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
        assertTrue(model.rmse() < 0.6 * pers.rmse(), model + " vs persistence " + pers);
        DocFigures.check(Path.of("docs/series.md"), Map.of("series.test.sine.model", fmt(model.rmse()),
                "series.test.sine.persistence", fmt(pers.rmse())));
    }

    @Test void laggedDriverIsLearnedBetterThanFromTheTargetAlone() throws java.io.IOException {
        double[][] xy = SyntheticSeries.laggedDriver(800, 3, 2.0, 0.1, 4);
        SeriesTable table = new SeriesTable("driver", List.of("x", "y"), xy, null, 0);
        WindowSpec w = new WindowSpec(8, 2);
        SeriesDataset both = SeriesDataset.fit(table, new SeriesSpec(List.of("y"), List.of("x"), null, w));
        SeriesDataset alone = SeriesDataset.fit(table, new SeriesSpec(List.of("y"), List.of(), null, w));
        ForecastScore withX = fitAndScore(both, SeriesModel.Cell.LSTM, 16, 15, 2);
        ForecastScore withoutX = fitAndScore(alone, SeriesModel.Cell.LSTM, 16, 15, 2);
        System.out.println("driver: with x " + withX + ", target alone " + withoutX);
        // y's std is about 2·1.15; x[t-3] for the next two steps lies in the window, so only the noise is left
        assertTrue(withX.rmse() < 0.5 * withoutX.rmse(), withX + " vs " + withoutX);
        DocFigures.check(Path.of("docs/series.md"), Map.of("series.test.driver.with", fmt(withX.rmse()),
                "series.test.driver.alone", fmt(withoutX.rmse())));
    }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.3f", v); }
}
