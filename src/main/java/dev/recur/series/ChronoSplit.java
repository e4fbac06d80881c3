package dev.recur.series;

/**
 * A chronological train/validation/test split of {@code rows} rows: training rows {@code [0, trainEnd)},
 * validation rows {@code [trainEnd, validationEnd)}, test rows {@code [validationEnd, rows)}. Never shuffled.
 *
 * <p>A window is named by its first target row {@code s}: inputs are rows {@code [s-W, s)}, targets rows
 * {@code [s, s+H)}. A window belongs to the part that holds all its target rows, so targets never cross
 * into the next part. Training windows lie wholly inside the training rows; validation and test windows may
 * read earlier rows as inputs (the past is known when forecasting), so no validation or test row ever
 * reaches training.
 */
public record ChronoSplit(int rows, int trainEnd, int validationEnd) {

    public enum Part { TRAIN, VALIDATION, TEST }

    public ChronoSplit {
        if (!(0 <= trainEnd && trainEnd <= validationEnd && validationEnd <= rows))
            throw new IllegalArgumentException("bad split " + trainEnd + "/" + validationEnd + "/" + rows);
    }

    /** Splits by fractions; the test part gets the rest. */
    public static ChronoSplit of(int rows, double trainFraction, double validationFraction) {
        checkFractions(trainFraction, validationFraction);
        int trainEnd = (int) Math.round(rows * trainFraction);
        int validationEnd = (int) Math.round(rows * (trainFraction + validationFraction));
        return new ChronoSplit(rows, trainEnd, Math.min(validationEnd, rows));
    }

    static void checkFractions(double train, double validation) {
        if (!(train > 0 && validation > 0 && train + validation < 1))
            throw new IllegalArgumentException("split fractions need train > 0, validation > 0 and train + validation < 1, got "
                    + train + " and " + validation);
    }

    /** First row a part's targets may use. */
    public int start(Part part) {
        return switch (part) { case TRAIN -> 0; case VALIDATION -> trainEnd; case TEST -> validationEnd; };
    }

    /** Row after a part's last row. */
    public int end(Part part) {
        return switch (part) { case TRAIN -> trainEnd; case VALIDATION -> validationEnd; case TEST -> rows; };
    }

    /** First target rows of every window of a part, in time order (empty when the part is too short). */
    public int[] targetStarts(Part part, WindowSpec spec) {
        int from = Math.max(start(part), spec.window());
        int to = end(part) - spec.horizon(); // inclusive
        if (to < from) return new int[0];
        int[] s = new int[to - from + 1];
        for (int i = 0; i < s.length; i++) s[i] = from + i;
        return s;
    }

    /** True when every part has at least one window. */
    public boolean fits(WindowSpec spec) {
        for (Part p : Part.values()) if (targetStarts(p, spec).length == 0) return false;
        return true;
    }

    /** Fewest rows that give every part at least one window with these fractions. */
    public static int minimumRows(WindowSpec spec, double trainFraction, double validationFraction) {
        checkFractions(trainFraction, validationFraction);
        for (int rows = spec.window() + spec.horizon(); ; rows++) {
            if (of(rows, trainFraction, validationFraction).fits(spec)) return rows;
            if (rows == Integer.MAX_VALUE) throw new IllegalArgumentException("no row count fits " + spec);
        }
    }

    /** The one-line "too few rows" message, or null when the rows suffice. */
    public static String tooFewRows(int rows, WindowSpec spec, double trainFraction, double validationFraction) {
        if (of(rows, trainFraction, validationFraction).fits(spec)) return null;
        int need = minimumRows(spec, trainFraction, validationFraction);
        return rows + " rows are too few for window " + spec.window() + " and horizon " + spec.horizon()
                + " with a " + pct(trainFraction) + "/" + pct(validationFraction) + "/" + pct(1 - trainFraction - validationFraction)
                + "% train/validation/test split; need at least " + need + " rows";
    }

    private static String pct(double f) {
        String p = String.format(java.util.Locale.ROOT, "%.1f", f * 100);
        return p.endsWith(".0") ? p.substring(0, p.length() - 2) : p;
    }
}
