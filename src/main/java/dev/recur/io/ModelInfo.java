package dev.recur.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything model.json says besides the layers: the task, class labels, feature settings (e.g. MFCC
 * parameters, free-form), input normalization and free-form metadata (training settings, scores, ...).
 * Free-form maps hold JSON values: String, Number, Boolean, List, Map or null.
 *
 * @param task          what the output means: {@link #CLASSIFICATION}, {@link #SEQUENCE}, {@link #REGRESSION} or
 *                      another non-empty name
 * @param labels        class names by output index; empty when the outputs are not classes
 * @param normalization input standardisation, or null
 */
public record ModelInfo(String task, List<String> labels, Map<String, Object> features,
                        Normalization normalization, Map<String, Object> metadata) {

    /** One label per sequence: the model ends in a sequence-to-vector layer and a Dense over the classes. */
    public static final String CLASSIFICATION = "classification";
    /** One output per step (per-step classes or next-token predictions, e.g. melody tokens). */
    public static final String SEQUENCE = "sequence";
    /** Real-valued outputs, per step or per sequence (e.g. forecasting). */
    public static final String REGRESSION = "regression";

    public ModelInfo {
        if (task == null || task.isBlank()) throw new IllegalArgumentException("model info: task must be a non-empty name");
        labels = labels == null ? List.of() : List.copyOf(labels);
        features = features == null ? Map.of() : unmodifiable(features);
        metadata = metadata == null ? Map.of() : unmodifiable(metadata);
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static ModelInfo of(String task) { return new ModelInfo(task, List.of(), Map.of(), null, Map.of()); }

    public ModelInfo withLabels(List<String> l) { return new ModelInfo(task, l, features, normalization, metadata); }
    public ModelInfo withFeatures(Map<String, Object> f) { return new ModelInfo(task, labels, f, normalization, metadata); }
    public ModelInfo withNormalization(Normalization n) { return new ModelInfo(task, labels, features, n, metadata); }
    public ModelInfo withMetadata(Map<String, Object> m) { return new ModelInfo(task, labels, features, normalization, m); }
}
