package dev.recur.midi;

/** A tempo meta event: from {@code tick} on, a quarter note lasts {@code microsPerQuarter} µs. */
public record TempoChange(long tick, int microsPerQuarter) {
    /** A tempo event holds 3 bytes of µs per quarter note: 1 .. 2^24-1. */
    public static final int MAX_MICROS_PER_QUARTER = 0xFF_FFFF;
    /** The slowest tempo a MIDI file can hold, about 3.58 bpm. */
    public static final double MIN_BPM = 60_000_000.0 / MAX_MICROS_PER_QUARTER;
    /** The fastest tempo a MIDI file can hold (1 µs per quarter note). */
    public static final double MAX_BPM = 60_000_000.0;

    public double bpm() { return 60_000_000.0 / microsPerQuarter; }
}
