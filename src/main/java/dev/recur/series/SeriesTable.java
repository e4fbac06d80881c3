package dev.recur.series;

import java.util.List;

/**
 * The numeric columns read from a series CSV, in file order. {@code values[c][t]} is column {@code c} at
 * row {@code t}; {@code times} holds the time column's text per row, or is null when there is none;
 * {@code filled} counts the missing values that were filled.
 */
public record SeriesTable(String source, List<String> columns, double[][] values, List<String> times, int filled) {

    public SeriesTable {
        columns = List.copyOf(columns);
        if (times != null) times = List.copyOf(times);
        if (values.length != columns.size()) throw new IllegalArgumentException("one value column per name");
    }

    public int rows() { return values.length == 0 ? (times == null ? 0 : times.size()) : values[0].length; }

    public int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) throw new IllegalArgumentException(source + ": no column '" + column + "' (have " + String.join(", ", columns) + ")");
        return i;
    }

    public double[] column(String name) { return values[indexOf(name)]; }
}
