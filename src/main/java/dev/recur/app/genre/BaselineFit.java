package dev.recur.app.genre;

import dev.recur.data.Segments;
import dev.recur.train.LogisticRegression;
import dev.recur.train.MeanStdBaseline;
import dev.recur.train.eval.ClassificationReport;

import java.util.List;

/**
 * Fits the mean+std baseline on training segments, choosing the L2 strength on validation segments (lowest
 * log loss over a fixed grid) when there are any. Deterministic: the fit has a unique optimum.
 */
public final class BaselineFit {
    private BaselineFit() {}

    /** The L2 strengths tried (penalty l2/2·‖W‖² on the mean cross-entropy). */
    public static final double[] L2_GRID = {1e-4, 1e-3, 1e-2, 1e-1};
    public static final double DEFAULT_L2 = 1e-3;

    public record Result(MeanStdBaseline model, double l2, double validationLogLoss) {}

    /** {@code columns}: values of each frame the baseline reads (the MFCCs, not their deltas). */
    public static Result fit(Segments train, Segments validation, List<String> labels, int columns) {
        if (validation == null || validation.size() == 0) {
            return new Result(fitWith(train, labels, DEFAULT_L2, columns), DEFAULT_L2, Double.NaN);
        }
        Result best = null;
        for (double l2 : L2_GRID) {
            MeanStdBaseline m = fitWith(train, labels, l2, columns);
            double loss = ClassificationReport.of(labels, validation.labels(), m.predictProba(validation.segments()),
                    validation.trackIds()).logLoss();
            if (best == null || loss < best.validationLogLoss()) best = new Result(m, l2, loss);
        }
        return best;
    }

    public static MeanStdBaseline fitWith(Segments train, List<String> labels, double l2, int columns) {
        return MeanStdBaseline.fit(train.segments(), train.labels(), labels, LogisticRegression.Options.defaults().withL2(l2), columns);
    }
}
