package dev.recur.app.series;

import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesSpec;
import dev.recur.tensor.Tensor;

import java.util.Arrays;

/**
 * Multi-step forecasting past a point of the series: the model predicts the next H steps from the last W
 * rows; for more than H steps its predictions are appended as if observed and it predicts again.
 *
 * <p>Recursion can only feed back target columns. A model that also reads other feature columns would need
 * their future values, which nobody knows; rather than invent them (e.g. hold them at the last value, which
 * is wrong for any driver that moves), forecasts longer than the horizon are refused for such models with a
 * message saying so. Within the horizon they forecast directly, with no guessing.
 */
public final class RecursiveForecast {
    private RecursiveForecast() {}

    /** Maps standardised windows {@code [n, W, inputs]} to standardised outputs {@code [n, H·targets]}. */
    @FunctionalInterface
    public interface Predictor {
        Tensor predict(Tensor windows);
    }

    /**
     * The most rows one forecast may hold (2^20, over a century of hourly rows): the buffers grow with it, and
     * beyond it the arrays would overflow (--steps 2147483647 once ended in a NegativeArraySizeException).
     */
    public static final int MAX_STEPS = 1 << 20;

    /**
     * Forecasts {@code steps} rows starting at row {@code origin} (rows {@code >= origin} are not looked at;
     * {@code origin == rows} forecasts past the end), in original units: {@code [step][target]}.
     */
    public static double[][] forecast(SeriesDataset data, int origin, int steps, Predictor model) {
        SeriesSpec spec = data.spec();
        int w = spec.window(), h = spec.horizon(), d = spec.inputs().size(), k = spec.targets().size();
        if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        if (steps > MAX_STEPS) throw new IllegalArgumentException("--steps " + steps + " is more than the " + MAX_STEPS + " rows one forecast may hold");
        if (origin < w || origin > data.rows())
            throw new IllegalArgumentException("a forecast from row " + (origin + 1) + " needs " + w + " rows before it; "
                    + data.table().source() + " has " + data.rows() + " rows");
        if (steps > h && !spec.features().isEmpty())
            throw new IllegalArgumentException("this model also reads " + String.join(", ", spec.features())
                    + ", whose future values are unknown: it can forecast at most its horizon of " + h
                    + " steps; recursive forecasts beyond it need a model trained on the target columns only");
        int[] tc = data.targetColumns();
        float[] rows = Arrays.copyOf(Arrays.copyOfRange(data.scaledInputs(), (origin - w) * d, origin * d), (w + steps + h) * d);
        double[][] out = new double[steps][k];
        int known = w; // rows filled in the buffer
        for (int done = 0; done < steps; ) {
            Tensor x = Tensor.of(Arrays.copyOfRange(rows, (known - w) * d, known * d), 1, w, d);
            Tensor y = model.predict(x);
            if (y.size() != h * k) throw new IllegalStateException("model output " + y.shapeString() + " is not [1, " + h * k + "]");
            float[] yv = y.data();
            for (int step = 0; step < h && done < steps; step++, done++, known++) {
                for (int j = 0; j < k; j++) {
                    rows[known * d + tc[j]] = yv[step * k + j];
                    out[done][j] = spec.scaler().unscale(tc[j], yv[step * k + j]);
                }
            }
        }
        return out;
    }
}
