package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finite-difference gradient check for any layer, on float32 with tolerances that respect float32 rounding.
 * The loss is L = Σ out ⊙ R for a fixed random R (padded steps of R zeroed so they must not matter), so
 * dL/dout = R. Central differences are taken on the input and on every parameter, at up to
 * {@code samplesPerTensor} random coordinates each.
 */
public final class GradientCheck {
    private GradientCheck() {}

    public static final float EPS = 1e-2f;
    public static final double REL_TOL = 2e-2;
    public static final double ABS_TOL = 2e-3;

    /** Checks the layer; {@code checkInput=false} for layers whose input is discrete (embedding). */
    public static void check(Layer layer, Seq x, long seed, int samplesPerTensor, boolean checkInput) {
        Random rnd = new Random(seed);
        ForwardPass probe = ForwardPass.training(new Random(seed));
        Seq y0 = layer.forward(x, probe);
        float[] r = new float[y0.values().size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();
        zeroPadded(y0, r);

        for (Param p : layer.params()) p.zeroGrad();
        ForwardPass pass = ForwardPass.training(new Random(seed));
        Seq y = layer.forward(x, pass);
        Seq dx = layer.backward(new Seq(Tensor.of(r.clone(), y.values().shape()), y.lengths()), pass);

        List<String> failures = new ArrayList<>();
        if (checkInput) {
            compare("input", x.values().data(), dx.values().data(), () -> loss(layer, x, r, seed), rnd, samplesPerTensor, failures, x);
        }
        for (Param p : layer.params()) {
            compare(p.name(), p.value().data(), p.grad().data(), () -> loss(layer, x, r, seed), rnd, samplesPerTensor, failures, null);
        }
        if (!failures.isEmpty()) fail(layer.type() + " gradient check failed:\n  " + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }

    private static void zeroPadded(Seq y, float[] r) {
        if (y.lengths() == null || !y.isSequence()) return;
        int steps = y.steps(), dims = y.dims();
        for (int b = 0; b < y.batch(); b++) {
            for (int t = y.length(b); t < steps; t++) {
                for (int d = 0; d < dims; d++) r[(b * steps + t) * dims + d] = 0f;
            }
        }
    }

    private static double loss(Layer layer, Seq x, float[] r, long seed) {
        Seq y = layer.forward(x, ForwardPass.training(new Random(seed)));
        float[] v = y.values().data();
        double s = 0;
        for (int i = 0; i < v.length; i++) s += (double) v[i] * r[i];
        return s;
    }

    private static void compare(String what, float[] values, float[] analytic, java.util.function.DoubleSupplier f,
                                Random rnd, int samples, List<String> failures, Seq maskedInput) {
        int n = values.length;
        int count = Math.min(samples, n);
        for (int s = 0; s < count; s++) {
            int i = count == n ? s : rnd.nextInt(n);
            float old = values[i];
            values[i] = old + EPS;
            double plus = f.getAsDouble();
            values[i] = old - EPS;
            double minus = f.getAsDouble();
            values[i] = old;
            double numeric = (plus - minus) / (2 * EPS);
            double a = analytic[i];
            double err = Math.abs(a - numeric);
            if (err > ABS_TOL && err > REL_TOL * Math.max(Math.abs(a), Math.abs(numeric))) {
                failures.add(what + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
            }
        }
    }
}
