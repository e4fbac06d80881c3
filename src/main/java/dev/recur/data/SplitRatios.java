package dev.recur.data;

/** Fractions of each label's tracks that go to validation and test; the rest trains. Default 0.1 / 0.1. */
public record SplitRatios(double validation, double test) {
    public SplitRatios {
        if (validation < 0 || test < 0 || validation + test >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be >= 0 and sum below 1: " + validation + ", " + test);
        }
    }

    public static SplitRatios defaults() { return new SplitRatios(0.1, 0.1); }
}
