package dev.recur.nn.loss;

import dev.recur.nn.Seq;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Central-difference check of a loss's gradient with respect to every output value (valid and padded). */
final class LossChecks {
    private LossChecks() {}

    static void finiteDifferences(Seq out, Function<Seq, LossResult> loss) {
        float[] v = out.values().data();
        float[] grad = loss.apply(out).grad().values().data().clone();
        float eps = 1e-2f;
        for (int i = 0; i < v.length; i++) {
            float old = v[i];
            v[i] = old + eps;
            double plus = loss.apply(out).loss();
            v[i] = old - eps;
            double minus = loss.apply(out).loss();
            v[i] = old;
            // The loss is double-precision in the float inputs, so only the O(eps²) truncation error remains.
            double numeric = (plus - minus) / ((double) (old + eps) - (double) (old - eps));
            assertEquals(numeric, grad[i], 1e-4 + 1e-3 * Math.abs(numeric), "d loss / d out[" + i + "]");
        }
    }
}
