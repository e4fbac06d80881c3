package dev.recur.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * libtorch through DJL. The layers call DJL's NDArrayEx.lstm/gru/rnn, which go straight to torch::lstm /
 * torch::gru / torch::rnn_tanh (the ops nn.LSTM etc. call) with torch's flat parameter list, so the weights are
 * exactly PyTorch's. Training is what benchmarks/pytorch_bench.py and Recur's CompareBenchmark do: forward,
 * MSE loss against the target, backward, one Adam step (libtorch's fused adam update through DJL's optimizer).
 */
final class DjlPeer implements Peer {
    private final Engine engine;
    private final NDManager base;
    private final String name;
    private NDManager job;

    DjlPeer(int threads) {
        System.setProperty("ai.djl.offline", "true"); // libtorch comes from the pytorch-native-cpu jar
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        engine = Engine.getEngine("PyTorch");
        base = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        name = "libtorch" + engine.getVersion() + "-djl" + Engine.getDjlVersion();
        System.err.printf("%s: intra-op threads %d, inter-op threads %d, OMP_NUM_THREADS=%s%n", name,
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), System.getenv("OMP_NUM_THREADS"));
        if (JniUtils.getNumThreads() != threads || JniUtils.getNumInteropThreads() != 1) {
            throw new IllegalStateException("libtorch thread counts are not as asked (" + threads + ", 1)");
        }
    }

    @Override public String name() { return name; }

    @Override public List<String> modes(String config) {
        return config.equals("S") ? List.of("step") : List.of("forward", "train");
    }

    private record Rnn(String cell, int layers, NDList params) {
        NDList run(NDArray x, NDList state, boolean training) {
            return switch (cell) {
                case "lstm" -> x.getNDArrayInternal().lstm(x, state, params, true, layers, 0, training, false, true);
                case "gru" -> x.getNDArrayInternal().gru(x, state.get(0), params, true, layers, 0, training, false, true);
                case "rnn" -> x.getNDArrayInternal().rnn(x, state.get(0), params, true, layers, RNN.Activation.TANH, 0,
                        training, false, true);
                default -> throw new IllegalArgumentException(cell);
            };
        }
    }

    private static NDArray create(NDManager m, Models.Tensor t) {
        return m.create(t.data(), new Shape(t.shape()));
    }

    private static Rnn load(NDManager m, Models f, String cell, boolean requiresGrad) {
        NDList params = new NDList();
        for (Models.Tensor t : f.flatParams()) {
            NDArray p = create(m, t);
            if (requiresGrad) p.setRequiresGradient(true);
            params.add(p);
        }
        return new Rnn(cell, f.meta("layers"), params);
    }

    private static NDList zeroState(NDManager m, String cell, int layers, int batch, int hidden) {
        Shape s = new Shape(layers, batch, hidden);
        return cell.equals("lstm") ? new NDList(m.zeros(s), m.zeros(s)) : new NDList(m.zeros(s));
    }

    @Override
    public Timing.Call prepare(Path models, String config, String cell, String mode) throws Exception {
        Models f = Models.read(models.resolve(config + "_" + cell + ".safetensors"));
        job = base.newSubManager();
        NDManager jm = job;
        boolean train = mode.equals("train");
        Rnn rnn = load(jm, f, cell, train);
        NDArray x = create(jm, f.get("x"));
        int layers = f.meta("layers"), hidden = f.meta("hidden"), batch = f.meta("batch");
        NDList zero = zeroState(jm, cell, layers, batch, hidden);
        String what = config + " " + cell;
        switch (mode) {
            case "forward" -> {
                try (NDManager it = jm.newSubManager()) {
                    x.tempAttach(it);
                    float[] y = rnn.run(x, zero, false).get(0).toFloatArray();
                    Peer.agree(name, what + " y[:, -1]", Peer.lastStep(y, batch, f.meta("steps"), hidden),
                            f.get("ref_y_last").data());
                }
                return () -> {
                    try (NDManager it = jm.newSubManager()) {
                        x.tempAttach(it); // outputs land in `it` and are freed with it
                        rnn.run(x, zero, false);
                    }
                };
            }
            case "train" -> {
                NDArray target = create(jm, f.get("target"));
                Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
                try (NDManager it = jm.newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
                    x.tempAttach(it);
                    float[] y = rnn.run(x, zero, true).get(0).toFloatArray();
                    Peer.agree(name, what + " training forward y[:, -1]", Peer.lastStep(y, batch, f.meta("steps"), hidden),
                            f.get("ref_y_last").data());
                }
                return () -> {
                    try (NDManager it = jm.newSubManager()) {
                        x.tempAttach(it);
                        target.tempAttach(it);
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray y = rnn.run(x, zero, true).get(0);
                            gc.backward(y.sub(target).square().mean());
                        }
                        for (int i = 0; i < rnn.params.size(); i++) {
                            NDArray p = rnn.params.get(i);
                            NDArray g = p.getGradient(); // a new handle on the parameter's gradient
                            adam.update("p" + i, p, g);
                            g.close();
                            JniUtils.zeroGrad((PtNDArray) p);
                        }
                    }
                };
            }
            case "step" -> {
                NDList[] state = {zero};
                // the timed step itself, 8 times from zero state, against PyTorch's state after 8 steps
                Timing.Call step = () -> {
                    try (NDManager it = jm.newSubManager()) {
                        x.tempAttach(it);
                        NDList out = rnn.run(x, state[0], false);
                        NDList next = new NDList(out.get(1), out.get(2));
                        next.attach(jm);
                        if (state[0] != zero) state[0].close();
                        state[0] = next;
                    }
                };
                for (int i = 0; i < 8; i++) step.run();
                Peer.agree(name, "S h after 8 steps", state[0].get(0).toFloatArray(), f.get("ref_h8").data());
                Peer.agree(name, "S c after 8 steps", state[0].get(1).toFloatArray(), f.get("ref_c8").data());
                return step;
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    @Override
    public Timing.Call prepareSweep(Path models, int hidden, int batch, int steps) throws Exception {
        Models f = Models.read(models.resolve("sweep_h" + hidden + ".safetensors"));
        job = base.newSubManager();
        NDManager jm = job;
        Rnn rnn = load(jm, f, "lstm", false);
        float[] xs = new float[batch * steps * 64];
        Random r = new Random(1);
        for (int i = 0; i < xs.length; i++) xs[i] = (float) r.nextGaussian();
        NDArray x = jm.create(xs, new Shape(batch, steps, 64));
        NDList zero = zeroState(jm, "lstm", 2, batch, hidden);
        return () -> {
            try (NDManager it = jm.newSubManager()) {
                x.tempAttach(it);
                rnn.run(x, zero, false);
            }
        };
    }

    @Override
    public void release() {
        if (job != null) {
            job.close();
            job = null;
        }
    }

    @Override
    public void close() {
        release();
        base.close();
    }
}
