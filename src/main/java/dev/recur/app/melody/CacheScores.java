package dev.recur.app.melody;

import dev.recur.eval.NGramModel;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The network and the n-gram baseline each with its copy cache ({@link FittedCache}), scored on the same
 * sequences as they are alone; either may be null (no cache stored for it).
 */
public record CacheScores(MelodyScore model, MelodyScore ngram) {

    /** Scores with the caches of {@code cache} (null: none), given the network's predictions on {@code sequences}. */
    public static CacheScores of(MelodyEncoding enc, List<int[]> sequences, MelodyEvaluator.Predictions lstm, NGramModel baseline,
                                 FittedCache cache) {
        if (cache == null) return new CacheScores(null, null);
        int v = enc.outputSize(), bar = enc.stepsPerBar();
        MelodyScore m = cache.model() == null ? null : CopyCacheFit.score(sequences, lstm.rows(), v, bar, cache.model());
        MelodyScore n = cache.ngram() == null || baseline == null ? null
                : CopyCacheFit.score(sequences, CopyCacheFit.rows(baseline, sequences), v, bar, cache.ngram());
        return new CacheScores(m, n);
    }

    /** The rows "LSTM + cache" and "trigram + cache" of a perplexity / accuracy table (nothing when there is no cache). */
    public void print(PrintStream out, String indent) {
        if (model != null) {
            out.printf(Locale.ROOT, "%s%-16s %12.3f %9.2f%%%n", indent, "LSTM + cache", model.perplexity(), 100 * model.accuracy());
        }
        if (ngram != null) {
            out.printf(Locale.ROOT, "%s%-16s %12.3f %9.2f%%%n", indent, "trigram + cache", ngram.perplexity(), 100 * ngram.accuracy());
        }
    }
}
