package dev.recur.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The "obvious baseline" for sequence classification: each segment {@code [frames, coeffs]} becomes the
 * per-coefficient mean and standard deviation of its frames ({@code 2·coeffs} numbers, means first),
 * standardised with training statistics, then a multinomial {@link LogisticRegression} with L2.
 * On small music datasets this is hard to beat; a sequence model is reported next to it.
 */
public final class MeanStdBaseline {
    private final List<String> labels;
    private final Standardizer scaler;
    private final LogisticRegression model;

    /** Everything a saved baseline holds (plain arrays and lists: writes to JSON as it is). */
    public record State(List<String> labels, float[] mean, float[] std, double[][] weights) {}

    private MeanStdBaseline(List<String> labels, Standardizer scaler, LogisticRegression model) {
        if (labels.size() != model.classes()) throw new IllegalArgumentException(labels.size() + " labels for " + model.classes() + " classes");
        if (scaler.dims() != model.dims()) throw new IllegalArgumentException("scaler and model differ in feature count");
        this.labels = List.copyOf(labels);
        this.scaler = scaler;
        this.model = model;
    }

    /** Fits on training segments; {@code labelIndex[i]} indexes {@code labels}. */
    public static MeanStdBaseline fit(List<float[][]> segments, int[] labelIndex, List<String> labels, LogisticRegression.Options options) {
        if (segments.size() != labelIndex.length) throw new IllegalArgumentException(segments.size() + " segments but " + labelIndex.length + " labels");
        float[][] x = features(segments);
        Standardizer scaler = Standardizer.fit(x);
        LogisticRegression model = LogisticRegression.fit(scaler.apply(x), labelIndex, labels.size(), options);
        return new MeanStdBaseline(labels, scaler, model);
    }

    public static MeanStdBaseline fromState(State s) {
        return new MeanStdBaseline(s.labels(), new Standardizer(s.mean(), s.std()), LogisticRegression.of(s.weights()));
    }

    public State state() { return new State(labels, scaler.mean(), scaler.std(), model.weights()); }

    public List<String> labels() { return labels; }

    /** Class probabilities (in {@link #labels()} order) of one segment {@code [frames][coeffs]}. */
    public float[] predictProba(float[][] segment) {
        return model.predictProba(scaler.apply(meanStd(segment)));
    }

    public float[][] predictProba(List<float[][]> segments) {
        float[][] out = new float[segments.size()][];
        for (int i = 0; i < out.length; i++) out[i] = predictProba(segments.get(i));
        return out;
    }

    /** Per-column mean then per-column population standard deviation of {@code frames[t][c]}. */
    public static float[] meanStd(float[][] frames) {
        if (frames.length == 0) throw new IllegalArgumentException("segment has no frames");
        int c = frames[0].length;
        double[] sum = new double[c], sq = new double[c];
        for (float[] f : frames) {
            if (f.length != c) throw new IllegalArgumentException("frames of different lengths");
            for (int j = 0; j < c; j++) sum[j] += f[j];
        }
        float[] out = new float[2 * c];
        for (int j = 0; j < c; j++) out[j] = (float) (sum[j] / frames.length);
        for (float[] f : frames) for (int j = 0; j < c; j++) { double v = f[j] - out[j]; sq[j] += v * v; }
        for (int j = 0; j < c; j++) out[c + j] = (float) Math.sqrt(sq[j] / frames.length);
        return out;
    }

    private static float[][] features(List<float[][]> segments) {
        List<float[]> rows = new ArrayList<>(segments.size());
        for (float[][] s : segments) rows.add(meanStd(s));
        return rows.toArray(float[][]::new);
    }
}
