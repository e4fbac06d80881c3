package dev.recur.eval;

/**
 * Adds up next-event predictions given as logits: the negative log-likelihood of the true event (log-softmax,
 * computed stably) and whether the argmax (first on ties) was right. The melody models' validation figures
 * (cross-entropy per event, perplexity, accuracy) come from these sums.
 */
public final class NextEventScore {
    private long events, correct;
    private double nll;

    /** One prediction: {@code logits[offset .. offset + classes)}, the true class {@code target}. */
    public void add(float[] logits, int offset, int classes, int target) {
        int best = 0;
        double max = logits[offset];
        for (int c = 1; c < classes; c++) if (logits[offset + c] > max) { max = logits[offset + c]; best = c; }
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.exp(logits[offset + c] - max);
        nll += max + Math.log(sum) - logits[offset + target];
        if (best == target) correct++;
        events++;
    }

    public long events() { return events; }

    /** Summed negative log-likelihood, in nats. */
    public double nll() { return nll; }

    public long correct() { return correct; }
}
