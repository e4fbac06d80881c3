package dev.recur.app.genre;

import dev.recur.data.Segments;
import dev.recur.eval.LogisticRegression;
import dev.recur.eval.MeanStdBaseline;
import dev.recur.eval.ClassificationReport;

import java.util.List;

/**
 * Fits the mean+std baseline on training segments, choosing the L2 strength on validation segments (lowest
 * log loss over a fixed grid) when there are any, else by {@value #FOLDS}-fold cross-validation over the
 * training tracks (each fold a block of tracks in name order, so clips of one piece mostly stay together).
 * Deterministic: the fit has a unique optimum.
 */
public final class BaselineFit {
    private BaselineFit() {}

    /** The L2 strengths tried (penalty l2/2·‖W‖² on the mean cross-entropy). */
    public static final double[] L2_GRID = {1e-4, 1e-3, 1e-2, 1e-1};
    public static final double DEFAULT_L2 = 1e-3;

    /** The fitted baseline, its L2, and the held-out log loss that chose it ({@code chosenBy}: validation, cross-validation or default). */
    public record Result(MeanStdBaseline model, double l2, double validationLogLoss, String chosenBy) {}

    /** {@code columns}: values of each frame the baseline reads (the MFCCs, not their deltas). */
    public static Result fit(Segments train, Segments validation, List<String> labels, int columns) {
        if (validation == null || validation.size() == 0) return crossValidated(train, labels, columns);
        Result best = null;
        for (double l2 : L2_GRID) {
            MeanStdBaseline m = fitWith(train, labels, l2, columns);
            double loss = ClassificationReport.of(labels, validation.labels(), m.predictProba(validation.segments()),
                    validation.trackIds()).logLoss();
            if (best == null || loss < best.validationLogLoss()) best = new Result(m, l2, loss, "validation");
        }
        return best;
    }

    public static final int FOLDS = 5;

    /** L2 by cross-validation (mean held-out log loss); with fewer than {@value #FOLDS} tracks, {@link #DEFAULT_L2}. */
    static Result crossValidated(Segments train, List<String> labels, int columns) {
        List<String> tracks = new java.util.ArrayList<>(new java.util.TreeSet<>(train.trackIds()));
        if (tracks.size() < FOLDS) return new Result(fitWith(train, labels, DEFAULT_L2, columns), DEFAULT_L2, Double.NaN, "default");
        java.util.Map<String, Integer> fold = new java.util.HashMap<>();
        for (int i = 0; i < tracks.size(); i++) fold.put(tracks.get(i), (int) ((long) i * FOLDS / tracks.size()));
        double bestL2 = DEFAULT_L2, bestLoss = Double.POSITIVE_INFINITY;
        for (double l2 : L2_GRID) {
            double loss = 0;
            int n = 0;
            for (int f = 0; f < FOLDS; f++) {
                Segments in = part(train, fold, f, false), out = part(train, fold, f, true);
                if (in.size() == 0 || out.size() == 0) continue;
                MeanStdBaseline m = fitWith(in, labels, l2, columns);
                loss += ClassificationReport.of(labels, out.labels(), m.predictProba(out.segments()), out.trackIds()).logLoss() * out.size();
                n += out.size();
            }
            if (n > 0 && loss / n < bestLoss) {
                bestLoss = loss / n;
                bestL2 = l2;
            }
        }
        return new Result(fitWith(train, labels, bestL2, columns), bestL2, bestLoss, FOLDS + "-fold cross-validation");
    }

    /** The segments of fold {@code f} ({@code inFold}) or of every other fold. */
    private static Segments part(Segments s, java.util.Map<String, Integer> fold, int f, boolean inFold) {
        List<float[][]> x = new java.util.ArrayList<>();
        List<Integer> y = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if ((fold.get(s.trackIds().get(i)) == f) != inFold) continue;
            x.add(s.segments().get(i));
            y.add(s.labels()[i]);
            ids.add(s.trackIds().get(i));
        }
        return new Segments(x, y.stream().mapToInt(Integer::intValue).toArray(), ids);
    }

    public static MeanStdBaseline fitWith(Segments train, List<String> labels, double l2, int columns) {
        return MeanStdBaseline.fit(train.segments(), train.labels(), labels, LogisticRegression.Options.defaults().withL2(l2), columns);
    }
}
