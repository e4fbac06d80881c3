package dev.recur.io;

import dev.recur.nn.AttentionPool;
import dev.recur.nn.AttentionStatsPool;
import dev.recur.nn.Conv1d;
import dev.recur.nn.Dense;
import dev.recur.nn.Layer;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.Lstm;
import dev.recur.nn.Param;
import dev.recur.nn.Recurrent;
import dev.recur.nn.Rnn;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recur's layers against PyTorch 1.13 on the fixtures written by src/test/python/make_fixtures.py: weights
 * under PyTorch's names, outputs, final states, and the gradients of L = Σ out ⊙ r for every weight and the
 * input, within 1e-5 (relative to the value when it is above 1).
 */
class PyTorchParityTest {
    static final double TOL = 1e-5;

    @TestFactory Stream<DynamicTest> recurrentLayersMatchPyTorch() throws IOException {
        return cases("rnn", 21, PyTorchParityTest::checkRecurrent);
    }

    /** One dynamic test per fixture file of a folder, after checking how many there are. */
    private static Stream<DynamicTest> cases(String folder, int count, org.junit.jupiter.api.function.ThrowingConsumer<Path> check) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Fixtures.path(folder))) {
            files = s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        assertEquals(count, files.size(), folder + " fixture count");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check.accept(f)));
    }

    private static void checkRecurrent(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        Map<String, Tensor> t = c.tensors();
        int in = Integer.parseInt(meta.get("input_size")), hidden = Integer.parseInt(meta.get("hidden_size"));
        int layers = Integer.parseInt(meta.get("num_layers"));
        boolean bi = Boolean.parseBoolean(meta.get("bidirectional")), bias = Boolean.parseBoolean(meta.get("bias"));
        Recurrent layer = switch (meta.get("mode")) {
            case "lstm" -> new Lstm(in, hidden, layers, bi, bias);
            case "gru" -> new Gru(in, hidden, layers, bi, bias);
            case "rnn_tanh" -> new Rnn(in, hidden, layers, bi, bias, Rnn.Activation.TANH);
            case "rnn_relu" -> new Rnn(in, hidden, layers, bi, bias, Rnn.Activation.RELU);
            default -> throw new AssertionError("unknown mode " + meta.get("mode"));
        };
        List<String> expectedNames = new ArrayList<>();
        for (String k : t.keySet()) if (k.startsWith("weight_") || k.startsWith("bias_")) expectedNames.add(k);
        assertEquals(expectedNames.stream().sorted().toList(), layer.params().stream().map(Param::name).sorted().toList(),
                "PyTorch parameter names");
        Seq x = loadWeightsAndInput(layer, t);
        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq y = layer.forward(x, pass);
        assertClose(t.get("out"), y.values(), "out");
        float[][] state = pass.finalState(layer);
        assertClose(t.get("h_n"), Tensor.of(state[0], t.get("h_n").shape()), "h_n");
        if (t.containsKey("c_n")) assertClose(t.get("c_n"), Tensor.of(state[1], t.get("c_n").shape()), "c_n");

        Seq dx = layer.backward(new Seq(t.get("r").copy(), y.lengths()), pass);
        for (Param p : layer.params()) assertClose(t.get("grad." + p.name()), p.grad(), "grad." + p.name());
        assertClose(t.get("grad.x"), dx.values(), "grad.x");

        // inference gives the same outputs as training
        ForwardPass inf = ForwardPass.inference();
        assertClose(t.get("out"), layer.forward(x, inf).values(), "out (inference)");
        assertClose(t.get("h_n"), Tensor.of(inf.finalState(layer)[0], t.get("h_n").shape()), "h_n (inference)");
    }

    /** The melody-structure layers against the PyTorch code in docs/model-format.md (fixture melody_layers). */
    @Test void lookbackAndAttentionMatchTheirPyTorchCode() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(Fixtures.path("melody_layers.safetensors"));
        Map<String, Tensor> t = c.tensors();
        Map<String, String> meta = c.metadata();
        int[] distances = java.util.Arrays.stream(meta.get("lookback_distances").split(",")).mapToInt(Integer::parseInt).toArray();
        dev.recur.nn.Lookback lookback = new dev.recur.nn.Lookback(Integer.parseInt(meta.get("lookback_num_classes")), distances,
                Integer.parseInt(meta.get("lookback_counter_bits")), Integer.parseInt(meta.get("lookback_default_class")));
        Tensor ids = t.get("lookback.ids");
        Seq in = Seq.full(Tensor.of(ids.data(), ids.dim(0), ids.dim(1), 1));
        assertArrayEquals(t.get("lookback.out").data(), lookback.forward(in, ForwardPass.inference()).values().data());

        dev.recur.nn.Attention att = new dev.recur.nn.Attention(Integer.parseInt(meta.get("attention_input_size")),
                Integer.parseInt(meta.get("attention_attention_size")), Integer.parseInt(meta.get("attention_length")));
        for (Param p : att.params()) System.arraycopy(t.get("attention." + p.name()).data(), 0, p.value().data(), 0, p.value().size());
        Seq x = Seq.full(t.get("attention.x"));
        ForwardPass pass = ForwardPass.training(new Random(1));
        Seq y = att.forward(x, pass);
        assertClose(t.get("attention.out"), y.values(), "attention out");
        Seq dx = att.backward(Seq.full(t.get("attention.r")), pass);
        for (Param p : att.params()) assertClose(t.get("attention.grad." + p.name()), p.grad(), "attention grad." + p.name());
        assertClose(t.get("attention.grad.x"), dx.values(), "attention grad.x");
    }

    /** Conv1d, attention and attentive statistics pooling (layers/*.safetensors): outputs and the gradients of L = Σ out ⊙ r. */
    @TestFactory Stream<DynamicTest> convolutionAndAttentionMatchPyTorch() throws IOException {
        return cases("layers", 7, PyTorchParityTest::checkLayer);
    }

    private static void checkLayer(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        Map<String, Tensor> t = c.tensors();
        String name = file.getFileName().toString();
        Layer layer = name.startsWith("conv1d")
                ? new Conv1d(Integer.parseInt(meta.get("in_channels")), Integer.parseInt(meta.get("out_channels")),
                        Integer.parseInt(meta.get("kernel_size")), Integer.parseInt(meta.get("stride")),
                        Integer.parseInt(meta.get("padding")), Boolean.parseBoolean(meta.get("bias")))
                : name.startsWith("attention_stats_pool") ? new AttentionStatsPool(Integer.parseInt(meta.get("size")))
                : new AttentionPool(Integer.parseInt(meta.get("size")));
        Seq x = loadWeightsAndInput(layer, t);
        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq y = layer.forward(x, pass);
        assertClose(t.get("out"), y.values(), "out");
        Seq dx = layer.backward(new Seq(t.get("r").copy(), y.lengths()), pass);
        for (Param p : layer.params()) assertClose(t.get("grad." + p.name()), p.grad(), "grad." + p.name());
        assertClose(t.get("grad.x"), dx.values(), "grad.x");
        assertClose(t.get("out"), layer.forward(x, ForwardPass.inference()).values(), "out (inference)");
    }

    @Test void denseWithCrossEntropyMatchesPyTorch() throws IOException {
        Map<String, Tensor> t = SafeTensors.read(Fixtures.path("dense_cross_entropy.safetensors")).tensors();
        Dense dense = new Dense(5, 3);
        System.arraycopy(t.get("weight").data(), 0, dense.weight().value().data(), 0, 15);
        System.arraycopy(t.get("bias").data(), 0, dense.bias().value().data(), 0, 3);
        float[] tf = t.get("target").data();
        int[] targets = new int[tf.length];
        for (int i = 0; i < tf.length; i++) targets[i] = (int) tf[i];

        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq logits = dense.forward(Seq.full(t.get("x").copy()), pass);
        assertClose(t.get("logits"), logits.values(), "logits");
        LossResult r = new SoftmaxCrossEntropy().compute(logits, targets);
        assertEquals(t.get("loss").data()[0], r.loss(), TOL, "loss");
        Seq dx = dense.backward(r.grad(), pass);
        assertClose(t.get("grad.weight"), dense.weight().grad(), "grad.weight");
        assertClose(t.get("grad.bias"), dense.bias().grad(), "grad.bias");
        assertClose(t.get("grad.x"), dx.values(), "grad.x");
    }

    @Test void softTargetCrossEntropyMatchesPyTorch() throws IOException {
        Map<String, Tensor> t = SafeTensors.read(Fixtures.path("soft_cross_entropy.safetensors")).tensors();
        Tensor targets = t.get("targets");
        float[][] soft = new float[targets.dim(0)][targets.dim(1)];
        for (int i = 0; i < soft.length; i++) for (int c = 0; c < soft[i].length; c++) soft[i][c] = targets.get(i, c);
        LossResult r = new SoftmaxCrossEntropy().computeSoft(Seq.full(t.get("logits").copy()), soft);
        assertEquals(t.get("loss").data()[0], r.loss(), TOL, "loss");
        assertClose(t.get("grad.logits"), r.grad().values(), "grad.logits");
    }

    /** Copies the fixture's weights (PyTorch names) into the layer; returns its input x with the row lengths, if any. */
    private static Seq loadWeightsAndInput(Layer layer, Map<String, Tensor> t) {
        for (Param p : layer.params()) {
            Tensor w = t.get(p.name());
            assertNotNull(w, "PyTorch has " + p.name());
            assertArrayEquals(w.shape(), p.value().shape(), p.name());
            System.arraycopy(w.data(), 0, p.value().data(), 0, w.size());
        }
        int[] lengths = null;
        if (t.containsKey("lengths")) {
            float[] l = t.get("lengths").data();
            lengths = new int[l.length];
            for (int i = 0; i < l.length; i++) lengths[i] = (int) l[i];
        }
        return new Seq(t.get("x").copy(), lengths);
    }

    static void assertClose(Tensor want, Tensor got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        float[] w = want.data(), g = got.data();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < w.length; i++) {
            double err = Math.abs(w[i] - g[i]) / Math.max(1, Math.abs(w[i]));
            if (!(err <= worst)) { worst = err; at = i; }
        }
        if (worst > TOL || Double.isNaN(worst)) {
            fail(what + "[" + at + "]: PyTorch " + w[at] + ", Recur " + g[at] + " (error " + worst + ")");
        }
    }
}
