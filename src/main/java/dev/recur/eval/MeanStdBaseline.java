package dev.recur.eval;

import java.util.List;

/**
 * The "obvious baseline" for sequence classification: each segment {@code [frames, coeffs]} becomes the
 * per-coefficient mean and standard deviation of its frames ({@code 2·coeffs} numbers, means first; only the
 * first {@code columns} values of each frame, e.g. the 13 MFCCs without their deltas),
 * standardised with training statistics, then a multinomial {@link LogisticRegression} with L2.
 * On small music datasets this is hard to beat; a sequence model is reported next to it.
 */
public final class MeanStdBaseline {
    private final List<String> labels;
    private final int columns;
    private final Standardizer scaler;
    private final LogisticRegression model;

    /** Everything a saved baseline holds (plain arrays and lists: writes to JSON as it is). */
    public record State(List<String> labels, int columns, float[] mean, float[] std, double[][] weights) {}

    private MeanStdBaseline(List<String> labels, int columns, Standardizer scaler, LogisticRegression model) {
        if (labels.size() != model.classes()) throw new IllegalArgumentException(labels.size() + " labels for " + model.classes() + " classes");
        if (scaler.dims() != model.dims()) throw new IllegalArgumentException("scaler and model differ in feature count");
        if (scaler.dims() != 2 * columns) throw new IllegalArgumentException(scaler.dims() + " features for " + columns + " columns");
        this.labels = List.copyOf(labels);
        this.columns = columns;
        this.scaler = scaler;
        this.model = model;
    }

    /** Fits on training segments using every column of their frames; {@code labelIndex[i]} indexes {@code labels}. */
    public static MeanStdBaseline fit(List<float[][]> segments, int[] labelIndex, List<String> labels, LogisticRegression.Options options) {
        return fit(segments, labelIndex, labels, options, segments.getFirst()[0].length);
    }

    /** Fits on the first {@code columns} values of every frame. */
    public static MeanStdBaseline fit(List<float[][]> segments, int[] labelIndex, List<String> labels, LogisticRegression.Options options, int columns) {
        if (segments.size() != labelIndex.length) throw new IllegalArgumentException(segments.size() + " segments but " + labelIndex.length + " labels");
        float[][] x = new float[segments.size()][];
        for (int i = 0; i < x.length; i++) x[i] = meanStd(segments.get(i), columns);
        Standardizer scaler = Standardizer.fit(x);
        LogisticRegression model = LogisticRegression.fit(scaler.apply(x), labelIndex, labels.size(), options);
        return new MeanStdBaseline(labels, columns, scaler, model);
    }

    public static MeanStdBaseline fromState(State s) {
        return new MeanStdBaseline(s.labels(), s.columns(), new Standardizer(s.mean(), s.std()), LogisticRegression.of(s.weights()));
    }

    public State state() { return new State(labels, columns, scaler.mean(), scaler.std(), model.weights()); }

    /** Values of each frame the baseline reads (the first ones). */
    public int columns() { return columns; }

    public List<String> labels() { return labels; }

    /** Class probabilities (in {@link #labels()} order) of one segment {@code [frames][coeffs]}. */
    public float[] predictProba(float[][] segment) {
        return model.predictProba(scaler.apply(meanStd(segment, columns)));
    }

    public float[][] predictProba(List<float[][]> segments) {
        float[][] out = new float[segments.size()][];
        for (int i = 0; i < out.length; i++) out[i] = predictProba(segments.get(i));
        return out;
    }

    /** Per-column mean then per-column population standard deviation of {@code frames[t][c]}. */
    public static float[] meanStd(float[][] frames) {
        if (frames.length == 0) throw new IllegalArgumentException("segment has no frames");
        return meanStd(frames, frames[0].length);
    }

    /** {@link #meanStd(float[][])} of the first {@code c} columns. */
    public static float[] meanStd(float[][] frames, int c) {
        if (frames.length == 0) throw new IllegalArgumentException("segment has no frames");
        double[] sum = new double[c], sq = new double[c];
        for (float[] f : frames) {
            if (f.length < c) throw new IllegalArgumentException("frame has " + f.length + " values, the baseline reads " + c);
            for (int j = 0; j < c; j++) sum[j] += f[j];
        }
        float[] out = new float[2 * c];
        for (int j = 0; j < c; j++) out[j] = (float) (sum[j] / frames.length);
        for (float[] f : frames) for (int j = 0; j < c; j++) { double v = f[j] - out[j]; sq[j] += v * v; }
        for (int j = 0; j < c; j++) out[c + j] = (float) Math.sqrt(sq[j] / frames.length);
        return out;
    }
}
