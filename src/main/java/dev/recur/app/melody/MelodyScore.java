package dev.recur.app.melody;

/**
 * Next-event scores over a set of sequences: mean cross-entropy per event (nats), its perplexity
 * {@code exp(crossEntropy)} and the share of events the argmax prediction got right.
 */
public record MelodyScore(long events, double crossEntropy, double perplexity, double accuracy) {

    public static MelodyScore of(long events, double nll, long correct) {
        if (events == 0) return new MelodyScore(0, Double.NaN, Double.NaN, Double.NaN);
        double ce = nll / events;
        return new MelodyScore(events, ce, Math.exp(ce), (double) correct / events);
    }
}
