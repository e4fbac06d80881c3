package dev.recur.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-length feature segments (MFCC or log-mel frames) {@code [frames][dims]} cut from tracks, with their label and track, as the
 * evaluation sees them: consecutive, non-overlapping, a short tail dropped (a 30 s track gives 3 segments
 * of 9 s). A track shorter than one segment gives one shorter segment (all its frames), so no track goes
 * unjudged; sequence models mask the missing steps.
 */
public record Segments(List<float[][]> segments, int[] labels, List<String> trackIds) {

    public int size() { return segments.size(); }

    public static Segments cut(List<Track> tracks, List<String> labelNames, int framesPerSegment) {
        return cut(tracks, labelNames, framesPerSegment, framesPerSegment);
    }

    /** As {@link #cut(List, List, int)} with segments starting every {@code hop} frames ({@link #of(float[][], int, int)}). */
    public static Segments cut(List<Track> tracks, List<String> labelNames, int framesPerSegment, int hop) {
        if (framesPerSegment < 1) throw new IllegalArgumentException("a segment needs at least one frame");
        List<float[][]> segs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Track t : tracks) {
            int label = labelNames.indexOf(t.label());
            if (label < 0) throw new IllegalArgumentException(t.id() + ": label '" + t.label() + "' is not one of " + labelNames);
            for (float[][] s : of(t.frames(), framesPerSegment, hop)) {
                segs.add(s);
                labels.add(label);
                ids.add(t.id());
            }
        }
        return new Segments(segs, labels.stream().mapToInt(Integer::intValue).toArray(), ids);
    }

    /** The segments of one MFCC matrix (views of its rows, not copies). */
    public static List<float[][]> of(float[][] frames, int framesPerSegment) {
        return of(frames, framesPerSegment, framesPerSegment);
    }

    /**
     * Segments starting every {@code hop} frames ({@link #starts}); with {@code hop} below the segment length they
     * overlap and the last one ends at the last frame, so the whole track is heard (views of its rows).
     */
    public static List<float[][]> of(float[][] frames, int framesPerSegment, int hop) {
        List<float[][]> out = new ArrayList<>();
        if (frames.length < framesPerSegment) {
            if (frames.length > 0) out.add(frames.clone());
            return out;
        }
        for (int s : starts(frames.length, framesPerSegment, hop)) out.add(Arrays.copyOfRange(frames, s, s + framesPerSegment));
        return out;
    }

    /**
     * First frames of the segments of a track of {@code frames} frames: 0, hop, 2·hop, … while a whole segment
     * fits; when {@code hop < framesPerSegment} (overlapping segments) one more that ends at the last frame if
     * the others leave a tail. {@code hop == framesPerSegment} gives the consecutive cut (tail dropped).
     */
    public static int[] starts(int frames, int framesPerSegment, int hop) {
        if (hop < 1 || hop > framesPerSegment) throw new IllegalArgumentException("segment hop must be in 1.." + framesPerSegment + ", got " + hop);
        if (frames < framesPerSegment) return new int[0];
        List<Integer> s = new ArrayList<>();
        int last = 0;
        for (int a = 0; a + framesPerSegment <= frames; a += hop) s.add(last = a);
        if (hop < framesPerSegment && last + framesPerSegment < frames) s.add(frames - framesPerSegment);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
