package dev.recur.app.melody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Fits {@link CopyWeights} to a model's predictions on held-out melodies by maximum likelihood, and scores a
 * model with its cache. The vote weights (how much a longer match and a whole-bar offset count) are chosen from
 * a small grid; for each grid point the copy weight λ of every best-match bucket has a closed-form EM update
 * (λ ← mean posterior of the copy component over the bucket's events), so the fit is exact for the grid and
 * deterministic. λ stays below {@value #MAX_LAMBDA}, so an event the melody never played before keeps a chance.
 */
public final class CopyCacheFit {
    static final double[] LENGTH_WEIGHTS = {0, 0.25, 0.5, 1, 2, 4};
    static final double[] BAR_WEIGHTS = {1, 2, 4, 8, 16, 32, 64};
    static final double MAX_LAMBDA = 0.99;
    private static final int SLOTS = 2 * (CopyCache.MAX_MATCH + 1);

    private CopyCacheFit() {}

    /** One predicted event where the cache has a say: its bucket, the model's probability of the truth, the candidate counts. */
    private record Event(int bucket, double model, int[] all, int[] hits) {}

    /**
     * The maximum-likelihood weights for a model whose probability of each true event is {@code modelProbabilities}
     * (one array per sequence, entry t = P(sequence[t] | sequence[0..t−1])).
     */
    public static CopyWeights fit(List<int[]> sequences, List<double[]> modelProbabilities, int stepsPerBar) {
        List<Event> events = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) events.addAll(events(s, sequences.get(s), modelProbabilities.get(s), stepsPerBar));
        return fit(events);
    }

    /** The events of one sequence where the cache has a say, with their candidate counts (the costly part of a fit). */
    private static List<Event> events(int s, int[] seq, double[] pm, int stepsPerBar) {
        if (pm.length != seq.length) throw new IllegalArgumentException("sequence " + s + ": " + pm.length + " probabilities for " + seq.length + " events");
        List<Event> events = new ArrayList<>();
        CopyCache cache = new CopyCache(stepsPerBar);
        for (int t = 0; t < seq.length; t++) {
            if (cache.bestMatch() > 0) {
                int[] all = new int[SLOTS], hits = new int[SLOTS];
                cache.histogram(seq[t], all, hits);
                events.add(new Event(CopyWeights.bucket(cache.bestMatch()), Math.max(pm[t], Double.MIN_NORMAL), all, hits));
            }
            cache.add(seq[t]);
        }
        return events;
    }

    /** The maximum-likelihood weights for these events (sequences' events in their order). */
    private static CopyWeights fit(List<Event> events) {
        // Per bucket: the model's probability of each truth and the candidate counts.
        List<List<Event>> byBucket = new ArrayList<>();
        for (int b = 0; b < CopyWeights.BUCKETS; b++) byBucket.add(new ArrayList<>());
        for (Event e : events) byBucket.get(e.bucket()).add(e);
        CopyWeights best = null;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double lw : LENGTH_WEIGHTS) {
            for (double bw : BAR_WEIGHTS) {
                CopyWeights votes = new CopyWeights(lw, bw, new double[CopyWeights.BUCKETS]);
                double[] lambdas = new double[CopyWeights.BUCKETS];
                double ll = 0;
                for (int b = 1; b < CopyWeights.BUCKETS; b++) {
                    List<Event> in = byBucket.get(b);
                    double[] pm = new double[in.size()], pc = new double[in.size()];
                    for (int i = 0; i < pm.length; i++) {
                        pm[i] = in.get(i).model();
                        pc[i] = votes.copyProbability(in.get(i).all(), in.get(i).hits());
                    }
                    lambdas[b] = emLambda(pm, pc);
                    ll += logLikelihood(pm, pc, lambdas[b]);
                }
                if (ll > bestLl) {       // strictly better: ties keep the earlier, simpler grid point
                    bestLl = ll;
                    best = new CopyWeights(lw, bw, lambdas);
                }
            }
        }
        return best;
    }

    /**
     * λ of one bucket from the model's and the copy's probabilities of its truths: EM on the two-component
     * mixture (the log-likelihood is concave in λ, so it converges to the maximum).
     */
    static double emLambda(double[] pm, double[] pc) {
        boolean copyHelps = false;
        for (double x : pc) if (x > 0) copyHelps = true;
        if (!copyHelps) return 0;
        double l = 0.5;
        for (int iter = 0; iter < 1000; iter++) {
            double sum = 0;
            for (int i = 0; i < pm.length; i++) sum += l * pc[i] / ((1 - l) * pm[i] + l * pc[i]);
            double next = Math.min(MAX_LAMBDA, sum / pm.length);
            if (Math.abs(next - l) < 1e-10) { l = next; break; }
            l = next;
        }
        return l;
    }

    private static double logLikelihood(double[] pm, double[] pc, double l) {
        double ll = 0;
        for (int i = 0; i < pm.length; i++) ll += Math.log((1 - l) * pm[i] + l * pc[i]);
        return ll;
    }

    /** Each true event's probability in the per-step distributions {@code rows} (sequence s's row t at [t · vocab]). */
    public static List<double[]> truthProbabilities(List<int[]> sequences, List<double[]> rows, int vocab) {
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            int[] seq = sequences.get(s);
            double[] p = new double[seq.length];
            for (int t = 0; t < seq.length; t++) p[t] = rows.get(s)[t * vocab + seq[t]];
            out.add(p);
        }
        return out;
    }

    /**
     * Perplexity and accuracy of the distributions {@code rows} mixed with the cache of each sequence's own
     * earlier events ({@code weights} null: the rows alone).
     */
    public static MelodyScore score(List<int[]> sequences, List<double[]> rows, int vocab, int stepsPerBar, CopyWeights weights) {
        Tally tally = new Tally();
        for (int s = 0; s < sequences.size(); s++) tally.add(sequences.get(s), rows.get(s), vocab, stepsPerBar, weights);
        return tally.score();
    }

    /** Most folds {@link #crossFitted} makes: leave-one-melody-out up to this many melodies. */
    public static final int MAX_FOLDS = 10;

    /**
     * Like {@link #score} with weights fitted on these same sequences, but honest: each sequence is scored with
     * weights fitted on the other folds only (k-fold by sequence, k = min(sequences, {@value #MAX_FOLDS}); folds
     * dealt by a hash of each sequence's events, so the result does not depend on their order). Null when there
     * are fewer than two sequences.
     */
    public static MelodyScore crossFitted(List<int[]> sequences, List<double[]> rows, int vocab, int stepsPerBar) {
        int n = sequences.size(), k = Math.min(n, MAX_FOLDS);
        if (k < 2) return null;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> Arrays.hashCode(sequences.get(i)))
                .thenComparingInt(i -> sequences.get(i).length).thenComparing(i -> Arrays.toString(sequences.get(i))));
        int[] fold = new int[n];
        for (int r = 0; r < n; r++) fold[order[r]] = r % k;
        List<double[]> truth = truthProbabilities(sequences, rows, vocab);
        // Each melody's events once; every fold fits on the others' (in the melodies' order, as fit() would).
        List<List<Event>> perSequence = new ArrayList<>();
        for (int i = 0; i < n; i++) perSequence.add(events(i, sequences.get(i), truth.get(i), stepsPerBar));
        Tally tally = new Tally();
        for (int f = 0; f < k; f++) {
            List<Event> others = new ArrayList<>();
            for (int i = 0; i < n; i++) if (fold[i] != f) others.addAll(perSequence.get(i));
            CopyWeights w = fit(others);
            for (int i = 0; i < n; i++) if (fold[i] == f) tally.add(sequences.get(i), rows.get(i), vocab, stepsPerBar, w);
        }
        return tally.score();
    }

    /** Summed negative log-likelihood, events and argmax hits of sequences scored with their caches. */
    private static final class Tally {
        double nll;
        long events, correct;

        void add(int[] seq, double[] rows, int vocab, int stepsPerBar, CopyWeights weights) {
            double[] model = new double[vocab], copy = new double[vocab], mixed = new double[vocab];
            CopyCache cache = new CopyCache(stepsPerBar);
            for (int t = 0; t < seq.length; t++) {
                System.arraycopy(rows, t * vocab, model, 0, vocab);
                if (weights != null) weights.mix(cache, model, copy, mixed);
                else System.arraycopy(model, 0, mixed, 0, vocab);
                int best = 0;
                for (int v = 1; v < vocab; v++) if (mixed[v] > mixed[best]) best = v;
                if (best == seq[t]) correct++;
                nll -= Math.log(mixed[seq[t]]);
                events++;
                cache.add(seq[t]);
            }
        }

        MelodyScore score() { return MelodyScore.of(events, nll, correct); }
    }

    /** The n-gram's distribution at every step of every sequence, as {@link #score} reads them. */
    public static List<double[]> rows(dev.recur.eval.NGramModel ngram, List<int[]> sequences) {
        int v = ngram.vocabSize();
        List<double[]> out = new ArrayList<>();
        for (int[] seq : sequences) {
            double[] r = new double[seq.length * v];
            for (int t = 0; t < seq.length; t++) System.arraycopy(ngram.distribution(seq, t), 0, r, t * v, v);
            out.add(r);
        }
        return out;
    }
}
