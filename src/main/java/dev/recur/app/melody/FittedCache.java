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
 * @param generationScale  how much of the cache {@code generate} mixes in by default (1 as fitted; 0 = off)
 * @param pitchTemperature {@code generate}'s default pitch temperature when it does ({@link CorpusScaling#cachePitchTemperature})
 * @param topP             {@code generate}'s default top-p when it does ({@link CorpusScaling#CACHE_TOP_P})
 */
public record FittedCache(CopyWeights model, CopyWeights ngram, long events, double generationScale, double pitchTemperature,
                          double topP) {

    /** A cache that generation leaves off by default. */
    public FittedCache(CopyWeights model, CopyWeights ngram, long events) {
        this(model, ngram, events, 0, CorpusScaling.LARGE_PITCH_TEMPERATURE, 1);
    }

    /**
     * Fits both caches on {@code sequences}, given the network's predictions on them ({@link MelodyEvaluator#predict});
     * generation uses it by default, at the pitch temperature for the number of training events
     * ({@link CorpusScaling#cachePitchTemperature}; −1: not known, that of a large corpus).
     */
    public static FittedCache fit(MelodyEncoding enc, List<int[]> sequences, MelodyEvaluator.Predictions lstm, NGramModel ngram,
                                  long trainEvents) {
        int v = enc.outputSize(), bar = enc.stepsPerBar();
        CopyWeights m = CopyCacheFit.fit(sequences, CopyCacheFit.truthProbabilities(sequences, lstm.rows(), v), bar);
        CopyWeights n = null;
        if (ngram != null) {
            n = CopyCacheFit.fit(sequences, CopyCacheFit.truthProbabilities(sequences, CopyCacheFit.rows(ngram, sequences), v), bar);
        }
        return new FittedCache(m, n, sequences.stream().mapToLong(s -> s.length).sum(), 1,
                CorpusScaling.cachePitchTemperature(trainEvents), CorpusScaling.CACHE_TOP_P);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(model.toMap());
        if (ngram != null) m.put("ngram", ngram.toMap());
        m.put("fitted_events", events);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("scale", generationScale);
        g.put("pitch_temperature", pitchTemperature);
        g.put("top_p", topP);
        m.put("generation", g);
        return m;
    }

    /**
     * {@code generate}'s default use of the stored cache (model.json's "generation" entry).
     *
     * @param scale            how much of the cache to mix in (0 = off)
     * @param pitchTemperature the pitch temperature to sample at with it; NaN when not recorded
     * @param topP             the top-p to sample with it (1 when not recorded: models fitted before it)
     */
    public record Generation(double scale, double pitchTemperature, double topP) {
        /** No entry: the cache stays off. */
        public static final Generation NONE = new Generation(0, Double.NaN, 1);
    }

    /** The "generation" entry of a model's metadata, or {@link Generation#NONE} when there is none (or it is ill-formed). */
    public static Generation generationOf(Map<String, Object> metadata) {
        if (metadata != null && metadata.get(CopyWeights.KEY) instanceof Map<?, ?> c && c.get("generation") instanceof Map<?, ?> g
                && g.get("scale") instanceof Number s && g.get("pitch_temperature") instanceof Number t
                && s.doubleValue() >= 0 && t.doubleValue() > 0) {
            double p = g.get("top_p") instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1 ? n.doubleValue() : 1;
            return new Generation(s.doubleValue(), t.doubleValue(), p);
        }
        return Generation.NONE;
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
