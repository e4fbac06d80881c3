package dev.recur.eval;

import dev.recur.files.CsvText;

import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) over named classes, with the per-class scores derived from them.
 * Rows are the truth, columns the prediction. A score whose denominator is zero is 0 (as scikit-learn does).
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final long[][] counts;

    private ConfusionMatrix(List<String> labels, long[][] counts) {
        this.labels = labels;
        this.counts = counts;
    }

    public static ConfusionMatrix of(List<String> labels, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        int k = labels.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("label index outside 0.." + (k - 1) + " at row " + i);
            }
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(List.copyOf(labels), counts);
    }

    /** The counts of several matrices over the same classes added up (the folds of a cross-validation). */
    public static ConfusionMatrix sum(List<ConfusionMatrix> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to add up");
        List<String> labels = parts.getFirst().labels;
        long[][] counts = new long[labels.size()][labels.size()];
        for (ConfusionMatrix m : parts) {
            if (!m.labels.equals(labels)) throw new IllegalArgumentException("classes differ: " + labels + " and " + m.labels);
            for (int t = 0; t < counts.length; t++) for (int p = 0; p < counts.length; p++) counts[t][p] += m.counts[t][p];
        }
        return new ConfusionMatrix(labels, counts);
    }

    public List<String> labels() { return labels; }
    public int size() { return labels.size(); }
    public long count(int truth, int predicted) { return counts[truth][predicted]; }

    public long total() {
        long n = 0;
        for (long[] row : counts) for (long v : row) n += v;
        return n;
    }

    /** Rows with class c as the truth. */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) n += v;
        return n;
    }

    public long predictedCount(int c) {
        long n = 0;
        for (long[] row : counts) n += row[c];
        return n;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < counts.length; c++) right += counts[c][c];
        return ratio(right, total());
    }

    public double precision(int c) { return ratio(counts[c][c], predictedCount(c)); }
    public double recall(int c) { return ratio(counts[c][c], support(c)); }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Unweighted mean of the per-class F1 over classes that occur in the truth. */
    public double macroF1() {
        double s = 0;
        int n = 0;
        for (int c = 0; c < size(); c++) if (support(c) > 0) { s += f1(c); n++; }
        return n == 0 ? 0 : s / n;
    }

    private static double ratio(long a, long b) { return b == 0 ? 0 : (double) a / b; }

    /** {@code truth\predicted,<label>...} then one row per true class. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("truth\\predicted");
        for (String l : labels) sb.append(',').append(CsvText.field(l));
        sb.append('\n');
        for (int t = 0; t < size(); t++) {
            sb.append(CsvText.field(labels.get(t)));
            for (int p = 0; p < size(); p++) sb.append(',').append(counts[t][p]);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Per class: label, precision, recall, F1, support. */
    public String scoresCsv() {
        StringBuilder sb = new StringBuilder("label,precision,recall,f1,support\n");
        for (int c = 0; c < size(); c++) {
            sb.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%d%n", CsvText.field(labels.get(c)), precision(c), recall(c), f1(c), support(c)));
        }
        return sb.toString();
    }

    /** An aligned text table of the counts, truth down, prediction across. */
    public String toText() {
        int w = 5;
        for (String l : labels) w = Math.max(w, l.length());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", "true\\pred"));
        for (String l : labels) sb.append(String.format(Locale.ROOT, " %" + w + "s", l));
        sb.append('\n');
        for (int t = 0; t < size(); t++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", labels.get(t)));
            for (int p = 0; p < size(); p++) sb.append(String.format(Locale.ROOT, " %" + w + "d", counts[t][p]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
