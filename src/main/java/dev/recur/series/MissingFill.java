package dev.recur.series;

import java.util.Locale;

/**
 * What to do with missing values (empty, NA, NaN, null) in a used column. {@link #NONE} refuses them; the
 * others fill every gap. A gap at the start of a column has no earlier value, so both fills take the first
 * known value there; {@link #LINEAR} holds the last known value over a gap at the end.
 */
public enum MissingFill {
    NONE, FORWARD, LINEAR;

    /** Parses {@code none|forward|linear} (case-insensitive). */
    public static MissingFill parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "forward", "ffill" -> FORWARD;
            case "linear" -> LINEAR;
            default -> throw new IllegalArgumentException("--fill must be forward or linear, got '" + s + "'");
        };
    }

    /**
     * Fills the NaNs of {@code column} in place; returns how many were filled. The column must hold at least
     * one number. With {@link #NONE} nothing changes.
     */
    public int fill(double[] column) {
        if (this == NONE) return 0;
        int first = 0;
        while (first < column.length && Double.isNaN(column[first])) first++;
        if (first == column.length) throw new IllegalArgumentException("column has no values at all");
        int filled = first;
        for (int i = 0; i < first; i++) column[i] = column[first];
        int last = first; // index of the last known value
        for (int i = first + 1; i < column.length; i++) {
            if (!Double.isNaN(column[i])) {
                if (this == LINEAR && i - last > 1) {
                    double a = column[last], b = column[i];
                    for (int k = last + 1; k < i; k++) column[k] = a + (b - a) * (k - last) / (i - last);
                }
                last = i;
            } else {
                filled++;
                if (this == FORWARD) column[i] = column[last];
            }
        }
        for (int k = last + 1; k < column.length; k++) column[k] = column[last]; // trailing gap (LINEAR)
        return filled;
    }
}
