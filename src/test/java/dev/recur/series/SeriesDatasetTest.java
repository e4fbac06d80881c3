package dev.recur.series;

import dev.recur.app.series.RecursiveForecast;
import dev.recur.eval.ForecastBaselines;
import dev.recur.eval.ForecastScore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.series.ChronoSplit.Part;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SeriesDatasetTest {

    /** Columns a = t, b = 100 + 2t, c = t² for t = 0..rows-1. */
    private static SeriesTable ramp(int rows) {
        double[][] v = new double[3][rows];
        for (int t = 0; t < rows; t++) {
            v[0][t] = t;
            v[1][t] = 100 + 2 * t;
            v[2][t] = t * t;
        }
        return new SeriesTable("ramp.csv", List.of("a", "b", "c"), v, null, 0);
    }

    @Test void windowsHaveTheRightShapesAndValues() {
        SeriesSpec spec = new SeriesSpec(List.of("b"), List.of("a"), null, new WindowSpec(3, 2));
        SeriesDataset ds = SeriesDataset.fit(ramp(40), spec);
        assertEquals(List.of("b", "a"), ds.spec().inputs());
        WindowSet train = ds.windows(Part.TRAIN);
        // 40 rows: train rows [0, 28); first target row 3 .. last 26 (targets 26, 27)
        assertArrayEquals(new int[] {3, 26}, new int[] {train.targetStarts()[0], train.targetStarts()[train.size() - 1]});
        assertArrayEquals(new int[] {24, 3, 2}, train.inputs().shape());
        assertArrayEquals(new int[] {24, 2}, train.targets().shape());
        ColumnScaler sc = ds.spec().scaler();
        for (int i = 0; i < train.size(); i++) {
            int s = train.targetStarts()[i];
            for (int step = 0; step < 3; step++) {
                int t = s - 3 + step;
                assertEquals(100 + 2 * t, sc.unscale(0, train.inputs().get(i, step, 0)), 1e-4);
                assertEquals(t, sc.unscale(1, train.inputs().get(i, step, 1)), 1e-4);
            }
            for (int h = 0; h < 2; h++) assertEquals(100 + 2 * (s + h), sc.unscale(0, train.targets().get(i, h)), 1e-4);
        }
        // back in original units, the targets are the truth
        double[][] un = ds.unscale(train.targets());
        double[][] truth = ds.truth(train.targetStarts());
        for (int i = 0; i < un.length; i++) assertArrayEquals(truth[i], un[i], 1e-4);
    }

    @Test void multipleTargetsAreStepMajor() {
        SeriesSpec spec = new SeriesSpec(List.of("a", "c"), List.of(), null, new WindowSpec(2, 3));
        SeriesDataset ds = SeriesDataset.fit(ramp(60), spec);
        WindowSet test = ds.windows(Part.TEST);
        double[][] truth = ds.truth(test.targetStarts());
        int s = test.targetStarts()[0];
        assertArrayEquals(new double[] {s, s * s, s + 1, (s + 1) * (s + 1), s + 2, (s + 2) * (s + 2)}, truth[0]);
        assertEquals(6, ds.spec().outputSize());
    }

    @Test void splitIsChronologicalAndNoTestRowEverReachesTraining() {
        WindowSpec w = new WindowSpec(5, 3);
        for (int rows : new int[] {60, 61, 97, 200}) {
            ChronoSplit split = ChronoSplit.of(rows, 0.6, 0.2);
            assertEquals(Math.round(rows * 0.6), split.trainEnd());
            Set<Integer> trainRows = new HashSet<>(), valTargets = new HashSet<>(), testTargets = new HashSet<>();
            int prevEnd = -1;
            for (Part p : Part.values()) {
                int[] starts = split.targetStarts(p, w);
                assertTrue(starts.length > 0);
                for (int i = 1; i < starts.length; i++) assertEquals(starts[i - 1] + 1, starts[i], "in time order");
                assertTrue(starts[0] > prevEnd, "parts follow each other in time");
                prevEnd = starts[starts.length - 1];
                for (int s : starts) {
                    assertTrue(s >= split.start(p) && s + w.horizon() <= split.end(p), "targets stay inside " + p);
                    for (int t = s - w.window(); t < s + w.horizon(); t++) {
                        if (p == Part.TRAIN) trainRows.add(t);
                    }
                    for (int t = s; t < s + w.horizon(); t++) (p == Part.TEST ? testTargets : p == Part.VALIDATION ? valTargets : new HashSet<Integer>()).add(t);
                }
            }
            for (int t = split.trainEnd(); t < rows; t++) assertFalse(trainRows.contains(t), "row " + t + " is not a training row");
            for (int t : testTargets) assertTrue(t >= split.validationEnd());
            for (int t : valTargets) assertTrue(t >= split.trainEnd() && t < split.validationEnd());
        }
    }

    @Test void scalerIsFittedOnTrainingRowsOnly() {
        SeriesTable base = ramp(50);
        double[][] v = base.values();
        double[][] changed = {v[0].clone(), v[1].clone(), v[2].clone()};
        for (int t = 35; t < 50; t++) changed[0][t] = 1e6; // validation and test rows only
        SeriesSpec spec = new SeriesSpec(List.of("a"), List.of(), null, new WindowSpec(4, 1));
        ColumnScaler s1 = SeriesDataset.fit(base, spec).spec().scaler();
        ColumnScaler s2 = SeriesDataset.fit(new SeriesTable("x", base.columns(), changed, null, 0), spec).spec().scaler();
        assertEquals(s1, s2);
        // a = 0..34 on the 35 training rows: mean 17, population std sqrt((35²-1)/12)
        assertEquals(17, s1.mean()[0], 1e-12);
        assertEquals(Math.sqrt((35.0 * 35 - 1) / 12), s1.std()[0], 1e-12);
        // constant columns are only shifted
        ColumnScaler k = ColumnScaler.fit(List.of("k"), new double[][] {{3, 3, 3}}, 0, 3);
        assertEquals(1, k.std()[0]);
        assertEquals(0, k.scale(0, 3));
    }

    @Test void tooFewRowsSaysHowManyAreNeeded() {
        SeriesSpec spec = new SeriesSpec(List.of("a"), List.of(), null, new WindowSpec(10, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesDataset.fit(ramp(20), spec));
        int need = ChronoSplit.minimumRows(spec.windows(), 0.7, 0.15);
        assertEquals("ramp.csv: 20 rows are too few for window 10 and horizon 4 with a 70/15/15% train/validation/test split; need at least "
                + need + " rows", e.getMessage());
        assertTrue(ChronoSplit.of(need, 0.7, 0.15).fits(spec.windows()));
        assertFalse(ChronoSplit.of(need - 1, 0.7, 0.15).fits(spec.windows()));
        assertEquals(need, SeriesDataset.fit(ramp(need), spec).rows());
        assertEquals(26, need); // round(26·0.7) = 18 ≥ W + H; validation rows 18..21 and test rows 22..25 hold H = 4 each
    }

    @Test void baselinesAndScores() {
        double[][] v = new double[1][48];
        for (int t = 0; t < 48; t++) v[0][t] = new double[] {1, 5, 2, 8}[t % 4] + t / 4; // season 4 plus a step up each season
        SeriesDataset ds = SeriesDataset.fit(new SeriesTable("s", List.of("y"), v, null, 0),
                new SeriesSpec(List.of("y"), List.of(), null, new WindowSpec(4, 3)));
        int[] starts = ds.split().targetStarts(Part.TEST, ds.spec().windows());
        double[][] truth = ds.truth(starts);
        double[][] pers = ForecastBaselines.persistence(ds.targets(), starts, ds.spec().horizon());
        double[][] seas = ForecastBaselines.seasonalNaive(ds.targets(), starts, ds.spec().horizon(), 4);
        for (int i = 0; i < starts.length; i++) {
            int s = starts[i];
            for (int h = 0; h < 3; h++) {
                assertEquals(v[0][s - 1], pers[i][h]);
                assertEquals(truth[i][h] - 1, seas[i][h], 1e-12, "one season back is exactly one step lower");
            }
        }
        ForecastScore sc = ForecastScore.of(seas, truth);
        assertEquals(1, sc.mae(), 1e-12);
        assertEquals(1, sc.rmse(), 1e-12);
        ForecastScore known = ForecastScore.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 4}, {0, 4}});
        assertEquals(5 / 4.0, known.mae(), 1e-12);
        assertEquals(Math.sqrt(13 / 4.0), known.rmse(), 1e-12);
        // season longer than a step back reaches further: S=2, H=3 uses y[s-2], y[s-1], y[s-2]
        double[][] s2 = ForecastBaselines.seasonalNaive(ds.targets(), starts, ds.spec().horizon(), 2);
        int s = starts[0];
        assertArrayEquals(new double[] {v[0][s - 2], v[0][s - 1], v[0][s - 2]}, s2[0]);
        assertThrows(IllegalArgumentException.class, () -> ForecastBaselines.seasonalNaive(ds.targets(), starts, ds.spec().horizon(), 1000));
    }

    /** A predictor that continues a straight line: next = last + (last - previous), per step. */
    private static RecursiveForecast.Predictor lineOracle(int horizon, int inputs) {
        return x -> {
            int w = x.dim(1);
            float last = x.get(0, w - 1, 0), slope = last - x.get(0, w - 2, 0);
            float[] out = new float[horizon];
            for (int h = 0; h < horizon; h++) out[h] = last + slope * (h + 1);
            return Tensor.of(out, 1, horizon);
        };
    }

    @Test void recursiveForecastContinuesPastTheHorizonInOriginalUnits() {
        SeriesSpec spec = new SeriesSpec(List.of("b"), List.of(), null, new WindowSpec(4, 2));
        SeriesDataset ds = SeriesDataset.fit(ramp(40), spec);
        double[][] f = RecursiveForecast.forecast(ds, 40, 7, lineOracle(2, 1));
        for (int i = 0; i < 7; i++) assertEquals(100 + 2 * (40 + i), f[i][0], 1e-3);
        // from inside the data, it never looks at rows from the origin on: compare with the known truth
        double[][] g = RecursiveForecast.forecast(ds, 30, 5, lineOracle(2, 1));
        for (int i = 0; i < 5; i++) assertEquals(100 + 2 * (30 + i), g[i][0], 1e-3);
    }

    @Test void modelsWithOtherFeaturesForecastOnlyTheirHorizon() {
        SeriesSpec spec = new SeriesSpec(List.of("b"), List.of("a"), null, new WindowSpec(4, 3));
        SeriesDataset ds = SeriesDataset.fit(ramp(40), spec);
        assertEquals(3, RecursiveForecast.forecast(ds, 40, 3, lineOracle(3, 2)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecursiveForecast.forecast(ds, 40, 4, lineOracle(3, 2)));
        assertTrue(e.getMessage().contains("at most its horizon of 3 steps"), e.getMessage());
    }

    @Test void specRoundTripsThroughJson() throws Exception {
        SeriesSpec spec = new SeriesSpec(List.of("b", "a"), List.of("c", "a"), "time", new WindowSpec(8, 2), 0.6, 0.25,
                MissingFill.LINEAR, null);
        assertEquals(List.of("c"), spec.features());
        SeriesSpec fitted = SeriesDataset.fit(ramp(80), spec.withFill(MissingFill.LINEAR)).spec();
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(fitted.toMap());
        @SuppressWarnings("unchecked") Map<String, Object> back = json.readValue(text, Map.class);
        assertEquals(fitted, SeriesSpec.fromMap(back));
        assertTrue(text.contains("\"scaler\":{\"b\":{"), text);
        assertThrows(IllegalArgumentException.class, () -> SeriesSpec.fromMap(Map.of("targets", List.of("x"))));
    }

    @Test void storedScalerIsUsedAsItIsOnNewData() {
        SeriesSpec spec = new SeriesSpec(List.of("a"), List.of(), null, new WindowSpec(4, 1));
        SeriesSpec fitted = SeriesDataset.fit(ramp(50), spec).spec();
        SeriesDataset later = SeriesDataset.withStoredScaler(ramp(10), fitted);
        assertEquals(fitted.scaler(), later.spec().scaler());
        assertEquals((9 - fitted.scaler().mean()[0]) / fitted.scaler().std()[0], later.scaledInputs()[9], 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesDataset.withStoredScaler(ramp(3), fitted));
        assertEquals("ramp.csv: 3 rows are too few for window 4; need at least 4 rows", e.getMessage());
    }

    @Test void fillPolicyParses() {
        assertEquals(MissingFill.LINEAR, MissingFill.parse("Linear"));
        assertEquals("--fill must be forward or linear, got 'cubic'",
                assertThrows(IllegalArgumentException.class, () -> MissingFill.parse("cubic")).getMessage());
    }
}
