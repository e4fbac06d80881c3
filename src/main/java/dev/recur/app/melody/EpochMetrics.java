package dev.recur.app.melody;

/** One epoch's figures: mean training loss (with dropout) and the validation scores after it. */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valPerplexity, double valAccuracy,
                           double seconds) {}
