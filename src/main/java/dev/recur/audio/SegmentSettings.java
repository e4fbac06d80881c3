package dev.recur.audio;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a track is cut into fixed-length segments.
 *
 * @param seconds segment length; default 9 (a 30 s track gives 3 segments)
 * @param overlap fraction of a segment shared with the next one, in [0, 1); default 0
 * @param padLast keep a short last segment, zero-padded to full length (default false: drop it). A file
 *                shorter than one segment is an error unless this is set.
 *
 * <p>Serializable, like {@link FeatureSettings}, for Spark's executors.
 */
public record SegmentSettings(double seconds, double overlap, boolean padLast) implements Serializable {
    public SegmentSettings {
        if (!(seconds > 0) || seconds > 3600) throw new IllegalArgumentException("segment length must be in (0, 3600] s: " + seconds);
        if (!(overlap >= 0 && overlap < 1)) throw new IllegalArgumentException("overlap must be in [0, 1): " + overlap);
    }

    public static SegmentSettings defaults() { return new SegmentSettings(9, 0, false); }

    public int length(int rate) { return (int) Math.round(seconds * rate); }

    /** Samples from one segment start to the next. */
    public int step(int rate) { return Math.max(1, (int) Math.round(length(rate) * (1 - overlap))); }

    public String key() {
        return String.format(Locale.ROOT, "seg=%s overlap=%s pad=%b", seconds, overlap, padLast);
    }
}
