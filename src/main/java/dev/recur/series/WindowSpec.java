package dev.recur.series;

/** Sliding windows: {@code window} input steps predict the next {@code horizon} steps of the targets. */
public record WindowSpec(int window, int horizon) {
    public WindowSpec {
        if (window < 1) throw new IllegalArgumentException("--window must be at least 1, got " + window);
        if (horizon < 1) throw new IllegalArgumentException("--horizon must be at least 1, got " + horizon);
    }
}
