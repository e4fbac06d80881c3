package dev.recur.bench;

import dev.recur.nn.Lstm;
import dev.recur.nn.RecurrentStepper;

import java.util.Random;

/**
 * One streaming step of a 2 × LSTM-256 (Config S) by wall clock, best of 30 rounds of 2,000 steps, for
 * float32 and bfloat16 weights on one and two threads ({@link dev.recur.nn.Recurrent#stepper(boolean, int)}).
 * Wall clock because the two-thread step is the point; run it on an otherwise idle machine:
 * {@code java --add-modules jdk.incubator.vector -cp <test classpath> dev.recur.bench.StreamingStep [inputs]}
 * (inputs: 256 as in the comparison with PyTorch, 64 for the melody model's embedding).
 */
public final class StreamingStep {
    private StreamingStep() {}

    public static void main(String[] args) {
        int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Lstm lstm = new Lstm(inputs, 256, 2, false, true);
        lstm.initialize(new Random(1));
        float[] x = RecurrentBenchmark.randn(2, inputs).data();
        for (boolean bf16 : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 2}) {
                try (RecurrentStepper s = lstm.stepper(bf16, threads)) {
                    double best = Double.MAX_VALUE;
                    for (int round = 0; round < 30; round++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 2000; i++) s.step(x);
                        best = Math.min(best, (System.nanoTime() - t0) / 2000.0 / 1000);
                    }
                    System.out.printf("%-8s %d thread(s): %6.1f us/step%n", bf16 ? "bfloat16" : "float32", s.threads(), best);
                }
            }
        }
    }
}
