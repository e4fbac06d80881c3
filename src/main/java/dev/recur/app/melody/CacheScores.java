package dev.recur.app.melody;

import dev.recur.eval.NGramModel;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The network and the n-gram baseline each with its copy cache ({@link FittedCache}), scored on the same
 * sequences as they are alone; either may be null (no cache stored for it).
 *
 * @param folds  0 when scored with the stored weights; else each melody was scored with weights fitted on the
 *               other folds only ({@link CopyCacheFit#crossFitted}), because the stored ones were fitted on these files
 */
public record CacheScores(MelodyScore model, MelodyScore ngram, int folds) {

    /**
     * Scores with the caches of {@code cache} (null: none), given the network's predictions on {@code sequences}.
     * {@code fittedHere}: the stored weights were fitted on these sequences (training's validation files, or
     * {@code evaluate} on the model's held-out files), so each melody is scored with weights refitted on the others
     * instead, lest eight numbers fitted on the scored events flatter the figure; with a single melody there is
     * nothing to refit on and the stored weights are used.
     */
    public static CacheScores of(MelodyEncoding enc, List<int[]> sequences, MelodyEvaluator.Predictions lstm, NGramModel baseline,
                                 FittedCache cache, boolean fittedHere) {
        if (cache == null) return new CacheScores(null, null, 0);
        int v = enc.outputSize(), bar = enc.stepsPerBar();
        boolean cross = fittedHere && sequences.size() >= 2;
        MelodyScore m = null, n = null;
        if (cache.model() != null) {
            m = cross ? CopyCacheFit.crossFitted(sequences, lstm.rows(), v, bar)
                    : CopyCacheFit.score(sequences, lstm.rows(), v, bar, cache.model());
        }
        if (cache.ngram() != null && baseline != null) {
            List<double[]> rows = CopyCacheFit.rows(baseline, sequences);
            n = cross ? CopyCacheFit.crossFitted(sequences, rows, v, bar) : CopyCacheFit.score(sequences, rows, v, bar, cache.ngram());
        }
        return new CacheScores(m, n, cross ? Math.min(sequences.size(), CopyCacheFit.MAX_FOLDS) : 0);
    }

    /** The rows "LSTM + cache" and "trigram + cache" of a perplexity / accuracy table (nothing when there is no cache). */
    public void print(PrintStream out, String indent) {
        if (model != null) {
            out.printf(Locale.ROOT, "%s%-16s %12.3f %9.2f%%%n", indent, "LSTM + cache", model.perplexity(), 100 * model.accuracy());
        }
        if (ngram != null) {
            out.printf(Locale.ROOT, "%s%-16s %12.3f %9.2f%%%n", indent, "trigram + cache", ngram.perplexity(), 100 * ngram.accuracy());
        }
        if (folds > 0 && (model != null || ngram != null)) {
            out.printf(Locale.ROOT, "%s(with a cache: each file scored with the cache's weights fitted on the other files, %d-fold)%n",
                    indent, folds);
        }
    }
}
