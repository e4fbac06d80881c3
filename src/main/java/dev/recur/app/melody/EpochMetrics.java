package dev.recur.app.melody;

import dev.recur.train.Fit;

import java.util.Locale;

/** One epoch's figures: mean training loss (with dropout) and the validation scores after it. */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valPerplexity, double valAccuracy,
                           double seconds) implements Fit.EpochRecord {

    @Override public double monitored() { return valLoss; }

    @Override public double[] toRow() { return new double[] {epoch, trainLoss, valLoss, valPerplexity, valAccuracy, seconds}; }

    @Override public String summary() {
        return String.format(Locale.ROOT, "loss %.3f | val %.3f perplexity %.3f acc %.1f%%", trainLoss, valLoss, valPerplexity, 100 * valAccuracy);
    }

    static EpochMetrics of(double[] r) { return new EpochMetrics((int) r[0], r[1], r[2], r[3], r[4], r[5]); }
}
