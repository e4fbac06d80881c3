package dev.recur.app.melody;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Continues a primer with a {@link MelodyGenerator}: by sampling ({@link Sampling}), greedily (argmax each
 * step) or by beam search (the continuation with the highest total log-probability among those the beam
 * keeps). An optional {@code allowed} mask (e.g. from a {@link Scale}) removes tokens from every step.
 * Each method returns only the new tokens.
 */
public final class MelodyComposer {
    private MelodyComposer() {}

    /** Resets the generator and feeds the primer (start token first). */
    public static void start(MelodyGenerator g, int[] primer) {
        g.reset();
        g.prime(primer);
    }

    public static int[] sample(MelodyGenerator g, int[] primer, int steps, Sampling s, boolean[] allowed, Random random) {
        start(g, primer);
        return sample(g, steps, s, allowed, random);
    }

    /** Samples from wherever the generator is now (e.g. a state set by {@link MelodyGenerator#startFrom}). */
    public static int[] sample(MelodyGenerator g, int steps, Sampling s, boolean[] allowed, Random random) {
        int v = g.encoding().outputSize();
        double[] p = new double[v];
        int[] order = new int[v];
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = s.sample(g.logits(), allowed, random, p, order);
            if (i + 1 < steps) g.feed(out[i]);
        }
        return out;
    }

    /**
     * Sampling with the copy cache: each step's draw mixes the network's distribution (at the sampling's
     * temperatures) with the copy distribution of the primer and the tokens drawn so far
     * ({@link Sampling#sample(float[], boolean[], double[], double, Random, double[], int[])}); {@code cache}
     * null is {@link #sample(MelodyGenerator, int[], int, Sampling, boolean[], Random)}.
     */
    public static int[] sample(MelodyGenerator g, int[] primer, int steps, Sampling s, boolean[] allowed, Random random,
                               CopyWeights cache) {
        if (cache == null || cache.off()) return sample(g, primer, steps, s, allowed, random);
        start(g, primer);
        CopyCache history = CopyCache.forGeneration(g.encoding().stepsPerBar());
        for (int t : primer) history.add(t);
        int v = g.encoding().outputSize();
        double[] p = new double[v], copy = new double[v];
        int[] order = new int[v];
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            double lambda = cache.lambda(history.bestMatch());
            if (lambda > 0 && !history.distribution(cache, copy)) lambda = 0;
            out[i] = s.sample(g.logits(), allowed, copy, lambda, random, p, order);
            history.add(out[i]);
            if (i + 1 < steps) g.feed(out[i]);
        }
        return out;
    }

    public static int[] greedy(MelodyGenerator g, int[] primer, int steps, boolean[] allowed) {
        start(g, primer);
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = Sampling.argmax(g.logits(), allowed);
            if (i + 1 < steps) g.feed(out[i]);
        }
        return out;
    }

    private record Beam(MelodyGenerator.State state, int[] tokens, double score) {}

    private record Candidate(int beam, int token, double score) {}

    /** Beam search of width {@code width}; width 1 is {@link #greedy}. */
    public static int[] beam(MelodyGenerator g, int[] primer, int steps, int width, boolean[] allowed) {
        start(g, primer);
        return beam(g, steps, width, allowed);
    }

    /** Beam search from wherever the generator is now. */
    public static int[] beam(MelodyGenerator g, int steps, int width, boolean[] allowed) {
        if (width <= 0) throw new IllegalArgumentException("--beam must be positive, got " + width);
        List<Beam> beams = List.of(new Beam(g.saveState(), new int[0], 0));
        int v = g.encoding().outputSize();
        Comparator<Candidate> best = Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingInt(Candidate::beam).thenComparingInt(Candidate::token);
        for (int step = 0; step < steps; step++) {
            List<Candidate> candidates = new ArrayList<>();
            for (int b = 0; b < beams.size(); b++) {
                float[] logits = beams.get(b).state().logits();
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int t = 0; t < v; t++) if (allowed == null || allowed[t]) max = Math.max(max, logits[t]);
                if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no token is allowed");
                for (int t = 0; t < v; t++) if (allowed == null || allowed[t]) sum += Math.exp(logits[t] - max);
                double lse = max + Math.log(sum);
                for (int t = 0; t < v; t++) {
                    if (allowed == null || allowed[t]) candidates.add(new Candidate(b, t, beams.get(b).score() + logits[t] - lse));
                }
            }
            candidates.sort(best);
            List<Beam> next = new ArrayList<>();
            for (Candidate cand : candidates.subList(0, Math.min(width, candidates.size()))) {
                Beam parent = beams.get(cand.beam());
                int[] tokens = java.util.Arrays.copyOf(parent.tokens(), step + 1);
                tokens[step] = cand.token();
                MelodyGenerator.State s = parent.state();
                if (step + 1 < steps) {
                    g.restoreState(parent.state());
                    g.feed(cand.token());
                    s = g.saveState();
                }
                next.add(new Beam(s, tokens, cand.score()));
            }
            beams = next;
        }
        return beams.getFirst().tokens();
    }
}
