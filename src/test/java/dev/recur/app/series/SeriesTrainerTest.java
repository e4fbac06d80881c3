package dev.recur.app.series;

import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesSpec;
import dev.recur.series.SeriesTable;
import dev.recur.series.WindowSet;
import dev.recur.series.WindowSpec;
import dev.recur.eval.ForecastBaselines;
import dev.recur.eval.ForecastScore;
import dev.recur.nn.Dense;
import dev.recur.nn.LastStep;
import dev.recur.nn.Sequential;
import dev.recur.series.ChronoSplit.Part;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SeriesTrainerTest {

    /** y[t] = 0.9·y[t-1] + N(0,1): the best one-step forecast from the last value is 0.9·y (also standardised). */
    private static SeriesDataset ar1(int rows, long seed) {
        Random r = new Random(seed);
        double[] y = new double[rows];
        for (int t = 1; t < rows; t++) y[t] = 0.9 * y[t - 1] + r.nextGaussian();
        return SeriesDataset.fit(new SeriesTable("ar1", List.of("y"), new double[][] {y}, null, 0),
                new SeriesSpec(List.of("y"), List.of(), null, new WindowSpec(4, 1)));
    }

    @Test void learnsTheArCoefficientAndRestoresTheBestEpoch() {
        SeriesDataset ds = ar1(3000, 3);
        Dense head = new Dense(1, 1);
        Sequential model = Sequential.of(new LastStep(1), head);
        model.initialize(1);
        List<SeriesTrainer.Epoch> seen = new ArrayList<>();
        SeriesTrainer.Result res = SeriesTrainer.train(model, ds.windows(Part.TRAIN), ds.windows(Part.VALIDATION),
                new SeriesTrainer.Settings(30, 0.02, 32, 7, 3, 1.0), new dev.recur.train.Fit.Listener() {
                    @Override public void epochDone(dev.recur.train.Fit.EpochRecord e, boolean best) { seen.add((SeriesTrainer.Epoch) e); }
                });
        assertEquals(res.history(), seen);
        assertEquals(0.9, head.weight().value().data()[0], 0.05);
        assertEquals(res.bestValidationLoss(), SeriesTrainer.loss(model, ds.windows(Part.VALIDATION), 64), 1e-9,
                "the model holds the best epoch's weights");
        double best = res.history().stream().mapToDouble(SeriesTrainer.Epoch::validationLoss).min().orElseThrow();
        assertEquals(best, res.bestValidationLoss());
        assertTrue(res.history().getFirst().trainLoss() > res.history().getLast().trainLoss());
        if (res.stoppedEarly()) assertEquals(res.bestEpoch() + 3, res.history().size());
        // the fitted model beats persistence on the test range, in original units
        WindowSet test = ds.windows(Part.TEST);
        ForecastScore model1 = ForecastScore.of(ds.unscale(SeriesTrainer.predict(model, test.inputs(), 50)), ds.truth(test.targetStarts()));
        ForecastScore pers = ForecastScore.of(ForecastBaselines.persistence(ds.targets(), test.targetStarts(), ds.spec().horizon()), ds.truth(test.targetStarts()));
        assertTrue(model1.rmse() < pers.rmse(), model1 + " vs " + pers);
    }

    @Test void sameSeedSameRun() {
        SeriesDataset ds = ar1(400, 5);
        double[] losses = new double[2];
        for (int i = 0; i < 2; i++) {
            Sequential m = Sequential.of(new LastStep(1), new Dense(1, 1));
            m.initialize(2);
            losses[i] = SeriesTrainer.train(m, ds.windows(Part.TRAIN), ds.windows(Part.VALIDATION),
                    new SeriesTrainer.Settings(3, 0.01, 16, 9, 5, 1.0), null).bestValidationLoss();
        }
        assertEquals(losses[0], losses[1]);
    }
}
