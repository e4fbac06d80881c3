package dev.recur.midi;

/** A time-signature meta event, e.g. 3/4 from {@code tick} on. */
public record TimeSignature(long tick, int numerator, int denominator) {
    public static final TimeSignature COMMON = new TimeSignature(0, 4, 4);

    /** Quarter notes per bar (3/4 → 3, 6/8 → 3, 2/2 → 4). */
    public double quartersPerBar() { return numerator * 4.0 / denominator; }
}
