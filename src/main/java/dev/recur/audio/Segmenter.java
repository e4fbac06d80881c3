package dev.recur.audio;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a stream into segments one at a time: memory holds one segment, never the whole track.
 * Overlapping segments reuse the shared tail of the previous one.
 */
public final class Segmenter {
    private final MonoStream in;
    private final SegmentSettings settings;
    private final int length, step;
    private float[] carry = new float[0]; // samples already read that belong to the next segment
    private int index;
    private long start;
    private boolean ended;
    private long consumed;

    public Segmenter(MonoStream in, SegmentSettings settings) {
        this.in = in;
        this.settings = settings;
        this.length = settings.length(in.sampleRate());
        this.step = settings.step(in.sampleRate());
        if (length < 1) throw new IllegalArgumentException("segment shorter than one sample");
    }

    /** Samples read from the stream so far; the track length once {@link #next()} has returned null. */
    public long consumed() { return consumed; }

    /** The next segment, or null when the track has no more (a short tail is dropped unless padding is on). */
    public Segment next() throws IOException {
        if (ended) return null;
        float[] buf = new float[length];
        int have = Math.min(carry.length, length);
        System.arraycopy(carry, 0, buf, 0, have);
        int read = in.readFully(buf, have, length - have);
        consumed += read;
        int valid = have + read;
        if (valid < length) {
            ended = true;
            if (!settings.padLast() || read <= 0) return null;
        }
        Segment s = new Segment(index++, start, buf, valid);
        start += step;
        carry = step < valid ? Arrays.copyOfRange(buf, step, valid) : new float[0];
        return s;
    }
}
