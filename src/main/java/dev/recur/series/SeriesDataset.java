package dev.recur.series;

import dev.recur.tensor.Tensor;

import java.util.List;

/**
 * A series table made ready for a model: split chronologically, standardised with a scaler fitted on the
 * training rows only, and cut into sliding windows per part.
 */
public final class SeriesDataset {
    private final SeriesTable table;
    private final SeriesSpec spec;
    private final ChronoSplit split;
    private final float[] scaled; // [rows × inputs], row-major
    private final int[] targetColumns; // index of each target among the inputs

    private SeriesDataset(SeriesTable table, SeriesSpec spec, ChronoSplit split) {
        this.table = table;
        this.spec = spec;
        this.split = split;
        List<String> inputs = spec.inputs();
        int d = inputs.size(), rows = table.rows();
        this.scaled = new float[rows * d];
        ColumnScaler sc = spec.scaler();
        for (int c = 0; c < d; c++) {
            double[] col = table.column(inputs.get(c));
            for (int t = 0; t < rows; t++) scaled[t * d + c] = (float) sc.scale(c, col[t]);
        }
        this.targetColumns = new int[spec.targets().size()];
        for (int k = 0; k < targetColumns.length; k++) targetColumns[k] = inputs.indexOf(spec.targets().get(k));
    }

    /**
     * Splits {@code table} by the spec's fractions, fits the scaler on the training rows and keeps it in
     * {@link #spec()}. Throws with the number of rows needed when a part would get no window.
     */
    public static SeriesDataset fit(SeriesTable table, SeriesSpec spec) {
        String few = ChronoSplit.tooFewRows(table.rows(), spec.windows(), spec.trainFraction(), spec.validationFraction());
        if (few != null) throw new IllegalArgumentException(table.source() + ": " + few);
        ChronoSplit split = ChronoSplit.of(table.rows(), spec.trainFraction(), spec.validationFraction());
        List<String> inputs = spec.inputs();
        double[][] cols = new double[inputs.size()][];
        for (int c = 0; c < cols.length; c++) cols[c] = table.column(inputs.get(c));
        ColumnScaler scaler = ColumnScaler.fit(inputs, cols, 0, split.trainEnd());
        return new SeriesDataset(table, spec.withScaler(scaler), split);
    }

    /** Uses the spec's stored scaler as it is (a trained model reading new data); no split is needed. */
    public static SeriesDataset withStoredScaler(SeriesTable table, SeriesSpec spec) {
        if (spec.scaler() == null) throw new IllegalArgumentException("the model has no scaler statistics");
        if (table.rows() < spec.window())
            throw new IllegalArgumentException(table.source() + ": " + table.rows() + " rows are too few for window "
                    + spec.window() + "; need at least " + spec.window() + " rows");
        return new SeriesDataset(table, spec, new ChronoSplit(table.rows(), table.rows(), table.rows()));
    }

    public SeriesTable table() { return table; }
    public SeriesSpec spec() { return spec; }
    public ChronoSplit split() { return split; }
    public int rows() { return table.rows(); }

    /** Windows of one part of the split. */
    public WindowSet windows(ChronoSplit.Part part) {
        return windows(split.targetStarts(part, spec.windows()));
    }

    /** Windows whose first target rows are {@code starts}; targets past the table's end are left at 0. */
    public WindowSet windows(int[] starts) {
        int w = spec.window(), h = spec.horizon(), d = spec.inputs().size(), k = targetColumns.length, n = starts.length;
        float[] x = new float[n * w * d], y = new float[n * h * k];
        for (int i = 0; i < n; i++) {
            int s = starts[i];
            if (s < w || s > rows()) throw new IllegalArgumentException("window starting at row " + s + " lies outside the table");
            System.arraycopy(scaled, (s - w) * d, x, i * w * d, w * d);
            for (int step = 0; step < h && s + step < rows(); step++)
                for (int j = 0; j < k; j++) y[(i * h + step) * k + j] = scaled[(s + step) * d + targetColumns[j]];
        }
        return new WindowSet(Tensor.of(x, n, w, d), Tensor.of(y, n, h * k), starts.clone());
    }

    /** The true target values of windows, in original units: {@code [window][h·targets + k]}. */
    public double[][] truth(int[] starts) {
        int h = spec.horizon(), k = targetColumns.length;
        double[][] out = new double[starts.length][h * k];
        for (int i = 0; i < starts.length; i++)
            for (int step = 0; step < h; step++)
                for (int j = 0; j < k; j++) out[i][step * k + j] = target(j)[starts[i] + step];
        return out;
    }

    /** Model outputs {@code [n, H·targets]} in standardised units, back in original units. */
    public double[][] unscale(Tensor outputs) {
        int hk = spec.outputSize(), k = targetColumns.length, n = outputs.dim(0);
        if (outputs.size() != n * hk) throw new IllegalArgumentException("model output " + outputs.shapeString() + " is not [n, " + hk + "]");
        float[] o = outputs.data();
        double[][] out = new double[n][hk];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < hk; j++) out[i][j] = spec.scaler().unscale(targetColumns[j % k], o[i * hk + j]);
        return out;
    }

    /** Original values of target {@code k}. */
    public double[] target(int k) { return table.column(spec.targets().get(k)); }

    /** Every target column in original units, {@code [k][row]}. */
    public double[][] targets() {
        double[][] out = new double[spec.targets().size()][];
        for (int k = 0; k < out.length; k++) out[k] = target(k);
        return out;
    }

    /** The standardised inputs, {@code [rows × inputs]} row-major (a copy). */
    public float[] scaledInputs() { return scaled.clone(); }

    /** Index of each target among the inputs. */
    public int[] targetColumns() { return targetColumns.clone(); }
}
