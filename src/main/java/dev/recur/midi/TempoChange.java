package dev.recur.midi;

/** A tempo meta event: from {@code tick} on, a quarter note lasts {@code microsPerQuarter} µs. */
public record TempoChange(long tick, int microsPerQuarter) {
    public double bpm() { return 60_000_000.0 / microsPerQuarter; }
}
