package dev.recur.bench;

import dev.recur.io.SafeTensors;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Param;
import dev.recur.nn.RecurrentStepper;
import dev.recur.nn.Recurrent;
import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The models, inputs and PyTorch 1.13 reference outputs that benchmarks/peers/export_models.py writes for the
 * side-by-side run, loaded into Recur: the same weights and inputs the peers (libtorch, ONNX Runtime) time, and a
 * check that Recur's output agrees with PyTorch's before anything is timed. {@code -Drecur.bench.models=DIR} makes
 * {@link CompareBenchmark} use them.
 */
public final class PeerModels {
    private PeerModels() {}

    /** Largest |difference| from PyTorch's outputs accepted (float32 over hundreds of steps), as the peers use. */
    static final double TOLERANCE = 1e-4;

    /** The folder of exported models, or null when the benchmark runs on its own random weights. */
    static Path dir() {
        String d = System.getProperty("recur.bench.models");
        return d == null || d.isEmpty() ? null : Path.of(d);
    }

    static Map<String, Tensor> read(Path dir, String name) {
        try {
            return SafeTensors.read(dir.resolve(name + ".safetensors")).tensors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every parameter of {@code layer} from the file's tensor of the same (PyTorch) name. */
    static void loadWeights(Layer layer, Map<String, Tensor> t) {
        for (Param p : layer.params()) {
            Tensor src = t.get(p.name());
            if (src == null || src.size() != p.value().size()) {
                throw new IllegalStateException("exported model has no tensor " + p.name() + " of " + p.value().size() + " values");
            }
            System.arraycopy(src.data(), 0, p.value().data(), 0, src.size());
        }
    }

    /** Throws unless Recur's inference output at the last step agrees with PyTorch's {@code ref_y_last}. */
    static void checkForward(String what, Layer layer, Seq x, Map<String, Tensor> t) {
        Tensor y = layer.forward(x, ForwardPass.inference()).values();
        int batch = y.dim(0), steps = y.dim(1), hidden = y.dim(2);
        float[] last = new float[batch * hidden];
        for (int b = 0; b < batch; b++) System.arraycopy(y.data(), (b * steps + steps - 1) * hidden, last, b * hidden, hidden);
        agree(what + " y[:, -1]", last, t.get("ref_y_last").data());
    }

    /** Throws unless 8 streaming steps from zero state reach PyTorch's state after 8 steps; leaves the stepper reset. */
    static void checkSteps(RecurrentStepper stepper, float[] x, Map<String, Tensor> t) {
        stepper.reset();
        for (int i = 0; i < 8; i++) stepper.step(x);
        float[][] s = stepper.state();
        agree("S h after 8 steps", s[0], t.get("ref_h8").data());
        agree("S c after 8 steps", s[1], t.get("ref_c8").data());
        stepper.reset();
    }

    static void agree(String what, float[] got, float[] want) {
        double d = 0;
        for (int i = 0; i < got.length; i++) {
            double e = Math.abs((double) got[i] - want[i]);
            if (!(e <= d)) d = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        }
        System.err.printf("check recur %s: max |diff| %.2g against PyTorch 1.13%n", what, d);
        if (got.length != want.length || !(d <= TOLERANCE)) {
            throw new IllegalStateException("recur " + what + ": output differs from PyTorch's by " + d);
        }
    }

    /** A recurrent layer of {@link CompareBenchmark}'s kind with the exported weights. */
    static Recurrent layer(String cell, int in, int hidden, Map<String, Tensor> t) {
        Recurrent r = (Recurrent) CompareBenchmark.cell(cell, in, hidden);
        loadWeights(r, t);
        return r;
    }
}
