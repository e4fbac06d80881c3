package dev.recur.app.melody;

import dev.recur.eval.NGramModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy cache fitted for a melody model and, separately, for its n-gram baseline on the same held-out
 * melodies, so {@code evaluate} can show both with and without the cache (the fairest comparison gives the
 * baseline the same help). Stored as model.json metadata {@value CopyWeights#KEY}: the model's
 * {@link CopyWeights#toMap()}, with the baseline's under {@code "ngram"} and the number of events fitted on.
 *
 * @param model  the network's cache
 * @param ngram  the n-gram baseline's cache, or null when the model folder has no baseline
 * @param events held-out events the weights were fitted on
 */
public record FittedCache(CopyWeights model, CopyWeights ngram, long events) {

    /** Fits both caches on {@code sequences}, given the network's predictions on them ({@link MelodyEvaluator#predict}). */
    public static FittedCache fit(MelodyEncoding enc, List<int[]> sequences, MelodyEvaluator.Predictions lstm, NGramModel ngram) {
        int v = enc.outputSize(), bar = enc.stepsPerBar();
        CopyWeights m = CopyCacheFit.fit(sequences, CopyCacheFit.truthProbabilities(sequences, lstm.rows(), v), bar);
        CopyWeights n = null;
        if (ngram != null) {
            n = CopyCacheFit.fit(sequences, CopyCacheFit.truthProbabilities(sequences, CopyCacheFit.rows(ngram, sequences), v), bar);
        }
        return new FittedCache(m, n, sequences.stream().mapToLong(s -> s.length).sum());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(model.toMap());
        if (ngram != null) m.put("ngram", ngram.toMap());
        m.put("fitted_events", events);
        return m;
    }

    /** {@code metadata} with this cache under {@value CopyWeights#KEY} (a copy; other entries kept in order). */
    public Map<String, Object> into(Map<String, Object> metadata) {
        Map<String, Object> md = new LinkedHashMap<>(metadata);
        md.put(CopyWeights.KEY, toMap());
        return md;
    }

    /** The n-gram baseline's cache stored with a model, or null. */
    public static CopyWeights ngramOf(Map<String, Object> metadata) {
        if (metadata == null || !(metadata.get(CopyWeights.KEY) instanceof Map<?, ?> c) || c.get("ngram") == null) return null;
        if (!(c.get("ngram") instanceof Map<?, ?> n)) throw new IllegalArgumentException(CopyWeights.KEY + ".ngram must be an object");
        return CopyWeights.fromMap(n);
    }
}
