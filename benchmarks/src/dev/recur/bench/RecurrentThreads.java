package dev.recur.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Recurrent;
import dev.recur.nn.Seq;
import dev.recur.tensor.Parallel;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Config C (batch 32, 387 steps, 2 × cell 128) by wall clock at 1 and 2 threads, alternating, with the
 * process CPU time per training call: when the CPU time stays the same and the wall time halves, the
 * step loop's row split scales; on a shared machine the second core may simply be busy (then the two-thread
 * round shows no gain and about the same CPU time). {@code java --add-modules jdk.incubator.vector -cp
 * <test classpath> dev.recur.bench.RecurrentThreads [lstm|gru|rnn] [rounds]}.
 */
public final class RecurrentThreads {
    private RecurrentThreads() {}

    public static void main(String[] args) {
        String cell = args.length > 0 ? args[0] : "lstm";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Recurrent layer = RecurrentBenchmark.layer(cell, 13, 128, 2);
        Seq x = Seq.full(RecurrentBenchmark.randn(1, 32, 387, 13));
        Seq dy = Seq.full(RecurrentBenchmark.randn(2, 32, 387, 128));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int before = Parallel.threads();
        try {
            for (int round = 0; round < 2 * rounds; round++) {
                int threads = 1 + round % 2;
                Parallel.setThreads(threads);
                for (int i = 0; i < 3; i++) RecurrentBenchmark.train(layer, x, dy);
                long c0 = os.getProcessCpuTime();
                double train = medianSeconds(9, () -> RecurrentBenchmark.train(layer, x, dy));
                double cpu = (os.getProcessCpuTime() - c0) / 9e9;
                double forward = medianSeconds(9, () -> layer.forward(x, ForwardPass.inference()));
                System.out.printf("C %s threads=%d  forward %6.0f seq/s  forward+backward %6.0f seq/s"
                        + "  (wall, median of 9; process CPU %.0f ms per training call)%n",
                        cell, threads, 32 / forward, 32 / train, cpu * 1e3);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static double medianSeconds(int calls, Runnable call) {
        double[] t = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[calls / 2];
    }
}
