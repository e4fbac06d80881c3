package dev.recur.bench;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Recurrent;
import dev.recur.nn.RecurrentStepper;
import dev.recur.nn.Seq;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The {@link RecurrentBenchmark} workloads timed by the calling thread's CPU time instead of the wall clock,
 * so a machine shared with other jobs still gives one-thread figures comparable with PyTorch's. Run with
 * {@code -Drecur.threads=1} for one thread (the all-steps gemms would otherwise use more, uncounted here):
 * {@code java --add-modules jdk.incubator.vector -Drecur.threads=1 -cp <test classpath> dev.recur.bench.RecurrentCpuTime}.
 */
public final class RecurrentCpuTime {
    private RecurrentCpuTime() {}

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        // Optional second argument: which configs to run, e.g. "S" or "CM" (default all).
        String only = args.length > 1 ? args[1] : "CMS";
        if (only.contains("C")) runC(seconds);
        if (only.contains("M")) runM(seconds);
        if (only.contains("S")) runS(seconds);
    }

    private static void runC(double seconds) {
        for (String cell : new String[] {"lstm", "gru", "rnn"}) {
            Recurrent layer = RecurrentBenchmark.layer(cell, 13, 128, 2);
            Seq x = Seq.full(RecurrentBenchmark.randn(1, 32, 387, 13));
            Seq dy = Seq.full(RecurrentBenchmark.randn(2, 32, 387, 128));
            report("C " + cell + " forward", 32, seconds, () -> layer.forward(x, ForwardPass.inference()));
            report("C " + cell + " forward+backward", 32, seconds, () -> RecurrentBenchmark.train(layer, x, dy));
        }
    }

    private static void runM(double seconds) {
        Recurrent m = RecurrentBenchmark.layer("lstm", 64, 256, 2);
        Seq xm = Seq.full(RecurrentBenchmark.randn(3, 64, 64, 64));
        Seq dym = Seq.full(RecurrentBenchmark.randn(4, 64, 64, 256));
        report("M lstm forward", 64, seconds, () -> m.forward(xm, ForwardPass.inference()));
        report("M lstm forward+backward", 64, seconds, () -> RecurrentBenchmark.train(m, xm, dym));

    }

    private static void runS(double seconds) {
        Recurrent s = RecurrentBenchmark.layer("lstm", 64, 256, 2);
        Seq xs = Seq.full(RecurrentBenchmark.randn(5, 1, 1, 64));
        float[][][] state = {null};
        Runnable step = () -> {
            ForwardPass pass = ForwardPass.inference();
            pass.setInitialState(s, state[0]);
            s.forward(xs, pass);
            state[0] = pass.finalState(s);
        };
        double perStep = cpuSecondsPerCall(step, seconds);
        System.out.printf("%-28s %10.1f us/step (CPU time)%n", "S lstm step", perStep * 1e6);

        // The same step through the streaming API (packed weights, state and workspaces kept).
        RecurrentStepper stepper = s.stepper();
        float[] xStep = xs.values().data().clone();
        double perStepper = cpuSecondsPerCall(() -> stepper.step(xStep), seconds);
        System.out.printf("%-28s %10.1f us/step (CPU time)%n", "S lstm step (stepper)", perStepper * 1e6);
        RecurrentStepper bf16 = s.stepper(true);
        double perBf16 = cpuSecondsPerCall(() -> bf16.step(xStep), seconds);
        System.out.printf("%-28s %10.1f us/step (CPU time)%n", "S lstm step (stepper, bf16)", perBf16 * 1e6);
    }

    private static void report(String name, int batch, double seconds, Runnable call) {
        double perCall = cpuSecondsPerCall(call, seconds);
        System.out.printf("%-28s %10.1f seq/s (CPU time)%n", name, batch / perCall);
    }

    /** Warms up for a third of the budget, then measures CPU seconds per call over the rest. */
    private static double cpuSecondsPerCall(Runnable call, double seconds) {
        long warm = (long) (seconds / 3 * 1e9);
        long t0 = MX.getCurrentThreadCpuTime();
        while (MX.getCurrentThreadCpuTime() - t0 < warm) call.run();
        long budget = (long) (seconds * 2 / 3 * 1e9);
        long c0 = MX.getCurrentThreadCpuTime();
        int calls = 0;
        long used;
        do {
            call.run();
            calls++;
            used = MX.getCurrentThreadCpuTime() - c0;
        } while (used < budget);
        return used / 1e9 / calls;
    }
}
