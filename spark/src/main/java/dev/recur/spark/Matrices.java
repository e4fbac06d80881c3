package dev.recur.spark;

import java.util.List;

/** A Spark {@code array<array<float>>} value (Scala or Java collections, or arrays) as {@code float[][]}. */
final class Matrices {
    private Matrices() {}

    static float[][] of(Object value) {
        if (value instanceof float[][] m) return m;
        List<?> rows = list(value);
        float[][] out = new float[rows.size()][];
        for (int t = 0; t < out.length; t++) {
            Object row = rows.get(t);
            if (row instanceof float[] f) {
                out[t] = f;
                continue;
            }
            List<?> cells = list(row);
            out[t] = new float[cells.size()];
            for (int d = 0; d < out[t].length; d++) out[t][d] = ((Number) cells.get(d)).floatValue();
        }
        return out;
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) return l;
        if (v instanceof scala.collection.Seq<?> s) return scala.jdk.javaapi.CollectionConverters.asJava(s);
        if (v instanceof Object[] a) return List.of(a);
        throw new IllegalArgumentException("not an MFCC matrix: " + (v == null ? "null" : v.getClass().getName()));
    }
}
