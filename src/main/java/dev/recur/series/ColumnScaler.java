package dev.recur.series;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column standardisation {@code z = (x - mean) / std}, fitted on the training rows only so nothing
 * about validation or test values leaks into training. {@code std} is the population standard deviation;
 * a constant column gets std 1 (it is only shifted).
 */
public record ColumnScaler(List<String> columns, double[] mean, double[] std) {

    public ColumnScaler {
        columns = List.copyOf(columns);
        if (mean.length != columns.size() || std.length != columns.size())
            throw new IllegalArgumentException("one mean and one std per column");
        mean = mean.clone();
        std = std.clone();
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(mean[c]))
                throw new IllegalArgumentException("scaler for '" + columns.get(c) + "' needs a finite mean and std > 0");
        }
    }

    /** Fits on rows {@code [from, to)} of each {@code values[c]}. */
    public static ColumnScaler fit(List<String> columns, double[][] values, int from, int to) {
        if (to <= from) throw new IllegalArgumentException("cannot fit a scaler on no rows");
        double[] mean = new double[columns.size()], std = new double[columns.size()];
        for (int c = 0; c < mean.length; c++) {
            double sum = 0;
            for (int t = from; t < to; t++) sum += values[c][t];
            double m = sum / (to - from), ss = 0;
            for (int t = from; t < to; t++) ss += (values[c][t] - m) * (values[c][t] - m);
            double sd = Math.sqrt(ss / (to - from));
            mean[c] = m;
            std[c] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1;
        }
        return new ColumnScaler(columns, mean, std);
    }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) throw new IllegalArgumentException("scaler has no column '" + column + "'");
        return i;
    }

    public double scale(int column, double x) { return (x - mean[column]) / std[column]; }

    public double unscale(int column, double z) { return z * std[column] + mean[column]; }

    @Override public double[] mean() { return mean.clone(); }
    @Override public double[] std() { return std.clone(); }

    /** {@code {column: {mean, std}}} in column order, for model.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Object> col = new LinkedHashMap<>();   // mean, then std: model.json's bytes do not depend on the JVM run
            col.put("mean", mean[c]);
            col.put("std", std[c]);
            m.put(columns.get(c), col);
        }
        return m;
    }

    public static ColumnScaler fromMap(Map<String, ?> m) {
        List<String> cols = List.copyOf(m.keySet());
        double[] mean = new double[cols.size()], std = new double[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            if (!(m.get(cols.get(c)) instanceof Map<?, ?> stats) || !(stats.get("mean") instanceof Number mu)
                    || !(stats.get("std") instanceof Number sd))
                throw new IllegalArgumentException("scaler entry for '" + cols.get(c) + "' needs numbers mean and std");
            mean[c] = mu.doubleValue();
            std[c] = sd.doubleValue();
        }
        return new ColumnScaler(cols, mean, std);
    }

    @Override public boolean equals(Object o) {
        return o instanceof ColumnScaler s && columns.equals(s.columns) && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override public int hashCode() { return columns.hashCode() * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std); }

    @Override public String toString() {
        return "ColumnScaler" + columns + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
    }
}
