package dev.recur.bench;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Lstm;
import dev.recur.nn.Seq;
import dev.recur.tensor.Parallel;
import dev.recur.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Recur's side of the cost sweep in benchmarks/compare.sh: inference seq/s of a 2 × LSTM (64 inputs) around
 * Config M's shape (hidden 256, 64 steps, batch 64), one axis at a time: hidden 64..1024, steps 16..2048,
 * batch 1..256 (the points of benchmarks/peers' sweep command, timed the same way: warm-up, then the median of
 * 3 runs of at least {@code min} seconds). With a models folder the weights are the exported sweep models'.
 * {@code java --add-modules jdk.incubator.vector -Drecur.threads=N -cp <bench classpath> dev.recur.bench.Sweep
 * [models-dir|-] [min-seconds] [axes]}; prints {@code framework,axis,hidden,steps,batch,threads,seq/s}.
 */
public final class Sweep {
    private Sweep() {}

    static final int[] HIDDEN = {64, 128, 256, 512, 1024};
    static final int[] STEPS = {16, 64, 256, 1024, 2048};
    static final int[] BATCH = {1, 4, 16, 64, 256};

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Path models = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        double min = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        String[] axes = (args.length > 2 ? args[2] : "hidden,steps,batch").split(",");
        for (String axis : axes) {
            int[] values = switch (axis) {
                case "hidden" -> HIDDEN;
                case "steps" -> STEPS;
                case "batch" -> BATCH;
                default -> throw new IllegalArgumentException("axis " + axis);
            };
            for (int v : values) {
                int hidden = axis.equals("hidden") ? v : 256, steps = axis.equals("steps") ? v : 64;
                int batch = axis.equals("batch") ? v : 64;
                Lstm lstm = new Lstm(64, hidden, 2, false, true);
                if (models != null) PeerModels.loadWeights(lstm, PeerModels.read(models, "sweep_h" + hidden));
                Tensor x = Tensor.zeros(batch, steps, 64);
                Random r = new Random(1);
                for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
                Seq s = Seq.full(x);
                double sec = secondsPerCall(() -> lstm.forward(s, ForwardPass.inference()), min);
                System.out.printf("recur,%s,%d,%d,%d,%d,%.3f%n", axis, hidden, steps, batch, Parallel.threads(), batch / sec);
                System.out.flush();
            }
        }
    }

    /**
     * Warm-up (at least 3 s and 2 calls, so C2 has compiled the kernels), then the median of 3 runs of ≥ min s,
     * as benchmarks/peers' sweep times ONNX Runtime.
     */
    static double secondsPerCall(Runnable call, double min) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int n = 0; n < 2 || System.nanoTime() < warmEnd; n++) call.run();
        double[] per = new double[3];
        for (int i = 0; i < per.length; i++) {
            long n = 0, t0 = System.nanoTime(), el;
            do {
                call.run();
                n++;
                el = System.nanoTime() - t0;
            } while (el < min * 1e9);
            per[i] = el / 1e9 / n;
        }
        Arrays.sort(per);
        return per[per.length / 2];
    }
}
