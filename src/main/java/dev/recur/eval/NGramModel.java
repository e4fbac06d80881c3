package dev.recur.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A count-based n-gram model over token sequences, the baseline the melody LSTM is compared with. Each
 * sequence is padded on the left with a begin token, so the first events are predicted too.
 *
 * <p>Smoothing: {@link Smoothing#KNESER_NEY} is interpolated Kneser–Ney with one absolute discount D (lower
 * orders use continuation counts, the lowest interpolates with the uniform distribution);
 * {@link Smoothing#ADD_K} adds k to every count of the longest context seen in training and backs off to
 * shorter contexts when a context was never seen.
 */
public final class NGramModel {

    public enum Smoothing { ADD_K, KNESER_NEY }

    /** Per-event perplexity (exp of the mean negative log-likelihood, in nats) and next-event accuracy. */
    public record Score(long events, double crossEntropy, double perplexity, double accuracy) {}

    /**
     * What kind of model: checked here once, for models fitted and models read back alike.
     *
     * @param vocabSize tokens 0..vocabSize−1 (vocabSize itself is the begin token of contexts)
     * @param order     n (1 = unigram), at most 6, and (vocabSize + 1)^(n−1) contexts must fit a long key
     * @param param     the discount D (0..1) for Kneser–Ney, k (> 0) for add-k
     */
    public record Spec(int vocabSize, int order, Smoothing smoothing, double param) {
        public Spec {
            if (order < 1 || order > 6) throw new IllegalArgumentException("n-gram order must be 1..6: " + order);
            if (vocabSize < 1 || Math.pow(vocabSize + 1.0, order - 1) > 1e17)
                throw new IllegalArgumentException("vocabulary of " + vocabSize + " too large for order " + order);
            if (smoothing == Smoothing.KNESER_NEY && !(param > 0 && param < 1))
                throw new IllegalArgumentException("Kneser-Ney discount must be in (0, 1): " + param);
            if (smoothing == Smoothing.ADD_K && !(param > 0)) throw new IllegalArgumentException("add-k needs k > 0: " + param);
        }
    }

    private final Spec spec;
    /** counts.get(k): context of k tokens (encoded) → counts per next token. Raw counts. */
    private final List<Map<Long, double[]>> raw;
    /** Kneser–Ney continuation counts for contexts shorter than order - 1 (the top one uses raw counts). */
    private final List<Map<Long, double[]>> continuation;

    private NGramModel(Spec spec, List<Map<Long, double[]>> raw, List<Map<Long, double[]>> continuation) {
        this.spec = spec;
        this.raw = raw;
        this.continuation = continuation;
    }

    /** Trigram with interpolated Kneser–Ney, discount 0.75. */
    public static NGramModel trigram(List<int[]> sequences, int vocabSize) {
        return fit(sequences, vocabSize, 3, Smoothing.KNESER_NEY, 0.75);
    }

    /**
     * @param order n (1 = unigram)
     * @param param the discount D (0..1) for Kneser–Ney, k (> 0) for add-k
     */
    public static NGramModel fit(List<int[]> sequences, int vocabSize, int order, Smoothing smoothing, double param) {
        Spec spec = new Spec(vocabSize, order, smoothing, param);
        Map<Long, double[]> top = new HashMap<>();
        for (int[] seq : sequences) {
            for (int i = 0; i < seq.length; i++) {
                int w = seq[i];
                if (w < 0 || w >= vocabSize) throw new IllegalArgumentException("token " + w + " outside vocabulary of " + vocabSize);
                top.computeIfAbsent(key(seq, i, order - 1, vocabSize), x -> new double[vocabSize])[w]++;
            }
        }
        return build(spec, top);
    }

    /**
     * The model from its longest-context counts alone ({@link #counts()}): every position's shorter contexts
     * are suffixes of its longest one (begin tokens included), so the shorter counts are their sums.
     */
    private static NGramModel build(Spec spec, Map<Long, double[]> top) {
        int vocabSize = spec.vocabSize(), order = spec.order();
        long base = vocabSize + 1L;
        List<Map<Long, double[]>> raw = new java.util.ArrayList<>();
        for (int k = 0; k < order; k++) raw.add(new HashMap<>());
        raw.set(order - 1, top);
        for (int k = order - 2; k >= 0; k--) {
            long mod = pow(base, k);
            for (Map.Entry<Long, double[]> e : raw.get(k + 1).entrySet()) {
                double[] row = raw.get(k).computeIfAbsent(e.getKey() % mod, x -> new double[vocabSize]);
                double[] c = e.getValue();
                for (int w = 0; w < vocabSize; w++) row[w] += c[w];
            }
        }
        // Continuation count of (h, w) at context length k: distinct tokens x seen before h w.
        List<Map<Long, double[]>> cont = new java.util.ArrayList<>();
        for (int k = 0; k < order - 1; k++) cont.add(new HashMap<>());
        for (int k = order - 2; k >= 0; k--) {
            long mod = pow(base, k);
            for (Map.Entry<Long, double[]> e : raw.get(k + 1).entrySet()) {
                long shorter = e.getKey() % mod;        // drop the oldest token of the context
                double[] row = cont.get(k).computeIfAbsent(shorter, x -> new double[vocabSize]);
                double[] c = e.getValue();
                for (int w = 0; w < vocabSize; w++) if (c[w] > 0) row[w]++;
            }
        }
        return new NGramModel(spec, raw, cont);
    }

    /**
     * Everything that rebuilds this model ({@link #fromMap}): order, smoothing, its parameter, the vocabulary
     * size and the counts of the longest contexts as rows [context tokens (oldest first; vocabSize = begin),
     * next token, count], sorted.
     */
    public Map<String, Object> toMap() {
        int vocabSize = spec.vocabSize(), order = spec.order();
        List<List<Long>> rows = new java.util.ArrayList<>();
        Map<Long, double[]> top = raw.get(order - 1);
        for (long key : new java.util.TreeSet<>(top.keySet())) {
            double[] c = top.get(key);
            long[] ctx = new long[order - 1];
            long k = key;
            for (int j = order - 2; j >= 0; j--) { ctx[j] = k % (vocabSize + 1L); k /= vocabSize + 1L; }
            for (int w = 0; w < vocabSize; w++) {
                if (c[w] == 0) continue;
                List<Long> row = new java.util.ArrayList<>();
                for (long t : ctx) row.add(t);
                row.add((long) w);
                row.add((long) c[w]);
                rows.add(row);
            }
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kind", "ngram");
        m.put("order", order);
        m.put("smoothing", spec.smoothing().name());
        m.put("param", spec.param());
        m.put("vocab_size", vocabSize);
        m.put("counts", rows);
        return m;
    }

    /** Reads {@link #toMap()} (e.g. parsed from JSON); an inconsistent map gives an IllegalArgumentException. */
    public static NGramModel fromMap(Map<String, ?> m) {
        try {
            if (!"ngram".equals(m.get("kind"))) throw new IllegalArgumentException("kind is " + m.get("kind") + ", expected \"ngram\"");
            int order = ((Number) m.get("order")).intValue(), vocab = ((Number) m.get("vocab_size")).intValue();
            Spec spec = new Spec(vocab, order, Smoothing.valueOf((String) m.get("smoothing")), ((Number) m.get("param")).doubleValue());
            Map<Long, double[]> top = new HashMap<>();
            for (Object o : (List<?>) m.get("counts")) {
                List<?> row = (List<?>) o;
                if (row.size() != order + 1) throw new IllegalArgumentException("a count row has " + row.size() + " values, expected " + (order + 1));
                long key = 0;
                for (int j = 0; j < order - 1; j++) {
                    long t = ((Number) row.get(j)).longValue();
                    if (t < 0 || t > vocab) throw new IllegalArgumentException("context token " + t + " outside 0.." + vocab);
                    key = key * (vocab + 1L) + t;
                }
                int w = ((Number) row.get(order - 1)).intValue();
                if (w < 0 || w >= vocab) throw new IllegalArgumentException("token " + w + " outside the vocabulary of " + vocab);
                top.computeIfAbsent(key, x -> new double[vocab])[w] += ((Number) row.get(order)).doubleValue();
            }
            return build(spec, top);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a field is missing or of the wrong type", e);
        }
    }

    public int order() { return spec.order(); }

    public int vocabSize() { return spec.vocabSize(); }

    /** P(next token | tokens seq[0..pos-1]) for every token of the vocabulary. */
    public double[] distribution(int[] seq, int pos) {
        double[] p = new double[spec.vocabSize()];
        for (int w = 0; w < p.length; w++) p[w] = probability(seq, pos, w);
        return p;
    }

    /** P(seq[pos] = w | seq[0..pos-1]). */
    public double probability(int[] seq, int pos, int w) {
        return spec.smoothing() == Smoothing.KNESER_NEY ? kneserNey(seq, pos, w, spec.order() - 1) : addK(seq, pos, w);
    }

    private double kneserNey(int[] seq, int pos, int w, int k) {
        int vocabSize = spec.vocabSize();
        double param = spec.param();
        if (k < 0) return 1.0 / vocabSize;
        double lower = kneserNey(seq, pos, w, k - 1);
        double[] row = (k == spec.order() - 1 ? raw.get(k) : continuation.get(k)).get(key(seq, pos, k, vocabSize));
        if (row == null) return lower;
        double total = 0, types = 0;
        for (double c : row) { total += c; if (c > 0) types++; }
        if (total == 0) return lower;
        return Math.max(row[w] - param, 0) / total + param * types / total * lower;
    }

    private double addK(int[] seq, int pos, int w) {
        int vocabSize = spec.vocabSize();
        double param = spec.param();
        for (int k = spec.order() - 1; k >= 0; k--) {
            double[] row = raw.get(k).get(key(seq, pos, k, vocabSize));
            if (row == null) continue;
            double total = 0;
            for (double c : row) total += c;
            return (row[w] + param) / (total + param * vocabSize);
        }
        return 1.0 / vocabSize;
    }

    /** Perplexity per event and next-event accuracy (argmax, ties to the lower id) over the sequences. */
    public Score evaluate(List<int[]> sequences) {
        long n = 0, correct = 0;
        double nll = 0;
        for (int[] seq : sequences) {
            for (int i = 0; i < seq.length; i++) {
                double[] p = distribution(seq, i);
                int best = 0;
                for (int w = 1; w < p.length; w++) if (p[w] > p[best]) best = w;
                if (best == seq[i]) correct++;
                nll -= Math.log(p[seq[i]]);
                n++;
            }
        }
        if (n == 0) return new Score(0, Double.NaN, Double.NaN, Double.NaN);
        return new Score(n, nll / n, Math.exp(nll / n), correct / (double) n);
    }

    /** The k tokens before position i (the begin token before the start), in base vocabSize + 1. */
    private static long key(int[] seq, int i, int k, int vocabSize) {
        long key = 0;
        for (int j = i - k; j < i; j++) key = key * (vocabSize + 1L) + (j < 0 ? vocabSize : seq[j]);
        return key;
    }

    private static long pow(long b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) r *= b;
        return r;
    }
}
