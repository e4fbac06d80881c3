package dev.recur.series;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Continues a time column past its end with its last step, when the last two values are numbers or ISO
 * dates/date-times; anything else has no known next time.
 */
public final class TimeAxis {
    private TimeAxis() {}

    /** The next {@code n} times, or null when they cannot be known. */
    public static List<String> extend(List<String> times, int n) {
        if (times == null || times.size() < 2) return null;
        String a = times.get(times.size() - 2), b = times.get(times.size() - 1);
        List<String> out = tryExtend(a, b, n, LocalDate::parse, (x, y) -> {
            Period p = Period.between(x, y);
            return k -> x.plus(p.multipliedBy(k + 1)).toString();
        });
        if (out == null) out = tryExtend(a, b, n, OffsetDateTime::parse, (x, y) -> {
            Duration d = Duration.between(x, y);
            return k -> y.plus(d.multipliedBy(k)).toString();
        });
        if (out == null) out = tryExtend(a, b, n, LocalDateTime::parse, (x, y) -> {
            Duration d = Duration.between(x, y);
            return k -> y.plus(d.multipliedBy(k)).toString();
        });
        if (out == null) out = tryExtend(a, b, n, TimeAxis::plainNumber,
                (x, y) -> k -> number(y + (y - x) * k, b));
        return out;
    }

    private interface Step<T> { Function<Integer, String> from(T prev, T last); }

    private static <T> List<String> tryExtend(String a, String b, int n, Function<String, T> parse, Step<T> step) {
        T x, y;
        try {
            x = parse.apply(a);
            y = parse.apply(b);
        } catch (RuntimeException e) {
            return null;
        }
        if (x == null || y == null || x.equals(y)) return null;
        Function<Integer, String> f = step.from(x, y);
        List<String> out = new ArrayList<>(n);
        // k counts steps after the last time: the first forecast row is one step after it
        for (int k = 1; k <= n; k++) out.add(f.apply(k));
        return out;
    }

    private static Double plainNumber(String s) {
        double v = SeriesCsv.number(s, ',');
        return Double.isNaN(v) ? null : v;
    }

    /** Integers stay integers; decimals keep the last value's decimal places. */
    private static String number(double v, String like) {
        int dot = like.indexOf('.');
        if (dot < 0 && !like.contains("e") && !like.contains("E")) return Long.toString(Math.round(v));
        int places = dot < 0 ? 6 : like.length() - dot - 1;
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }
}
