package dev.recur.series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that turns a CSV into model inputs and model outputs back into values, stored in model.json
 * next to the weights: target columns, extra feature columns, the time column, window and horizon, split
 * fractions, missing-value fill, and (once fitted) the scaler.
 *
 * <p>Model inputs are {@link #inputs()}: the targets first, then the features that are not targets, so a
 * window is {@code [W, inputs]} and the output is {@code H × targets} values, step-major
 * ({@code out[h * targets + k]}).
 */
public record SeriesSpec(List<String> targets, List<String> features, String timeColumn, WindowSpec windows,
                         double trainFraction, double validationFraction, MissingFill fill, ColumnScaler scaler) {

    public static final double DEFAULT_TRAIN = 0.7, DEFAULT_VALIDATION = 0.15;

    public SeriesSpec {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("--target needs at least one column");
        List<String> extra = new ArrayList<>();
        for (String f : features) if (!targets.contains(f) && !extra.contains(f)) extra.add(f);
        features = List.copyOf(extra);
        if (timeColumn != null && (targets.contains(timeColumn) || features.contains(timeColumn)))
            throw new IllegalArgumentException("time column '" + timeColumn + "' cannot also be a target or feature");
        ChronoSplit.checkFractions(trainFraction, validationFraction);
        if (fill == null) fill = MissingFill.NONE;
        if (scaler != null && !scaler.columns().equals(inputs(targets, features)))
            throw new IllegalArgumentException("scaler columns " + scaler.columns() + " differ from inputs " + inputs(targets, features));
    }

    public SeriesSpec(List<String> targets, List<String> features, String timeColumn, WindowSpec windows) {
        this(targets, features, timeColumn, windows, DEFAULT_TRAIN, DEFAULT_VALIDATION, MissingFill.NONE, null);
    }

    /** Model input columns: targets, then the other features. */
    public List<String> inputs() { return inputs(targets, features); }

    private static List<String> inputs(List<String> targets, List<String> features) {
        List<String> all = new ArrayList<>(targets);
        all.addAll(features);
        return List.copyOf(all);
    }

    public int window() { return windows.window(); }
    public int horizon() { return windows.horizon(); }

    /** Values the model outputs per window: horizon × targets. */
    public int outputSize() { return windows.horizon() * targets.size(); }

    public SeriesSpec withScaler(ColumnScaler s) {
        return new SeriesSpec(targets, features, timeColumn, windows, trainFraction, validationFraction, fill, s);
    }

    public SeriesSpec withFill(MissingFill f) {
        return new SeriesSpec(targets, features, timeColumn, windows, trainFraction, validationFraction, f, scaler);
    }

    public SeriesSpec withFractions(double train, double validation) {
        return new SeriesSpec(targets, features, timeColumn, windows, train, validation, fill, scaler);
    }

    /** CSV reading options for this spec's columns. */
    public SeriesCsv.Options csvOptions(Character delimiter) {
        return new SeriesCsv.Options(delimiter, timeColumn, inputs(), fill);
    }

    /** The "series" block of model.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", targets);
        m.put("features", features);
        if (timeColumn != null) m.put("time", timeColumn);
        m.put("window", windows.window());
        m.put("horizon", windows.horizon());
        m.put("train_fraction", trainFraction);
        m.put("validation_fraction", validationFraction);
        m.put("fill", fill.name().toLowerCase(java.util.Locale.ROOT));
        if (scaler != null) m.put("scaler", scaler.toMap());
        return m;
    }

    @SuppressWarnings("unchecked")
    public static SeriesSpec fromMap(Map<String, ?> m) {
        try {
            return new SeriesSpec((List<String>) m.get("targets"), (List<String>) m.get("features"), (String) m.get("time"),
                    new WindowSpec(((Number) m.get("window")).intValue(), ((Number) m.get("horizon")).intValue()),
                    ((Number) m.get("train_fraction")).doubleValue(), ((Number) m.get("validation_fraction")).doubleValue(),
                    MissingFill.parse((String) m.get("fill")),
                    m.get("scaler") == null ? null : ColumnScaler.fromMap((Map<String, ?>) m.get("scaler")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("series settings in model.json are incomplete or malformed: " + m.keySet());
        }
    }
}
