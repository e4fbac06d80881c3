package dev.recur.audio;

/**
 * One fixed-length piece of a track.
 *
 * @param index   0-based position in the track
 * @param start   first sample, counted from the start of the track
 * @param samples {@code length} samples; the tail after {@code valid} is zero padding
 * @param valid   samples that came from the file (less than the length only for a padded last segment)
 */
public record Segment(int index, long start, float[] samples, int valid) {}
