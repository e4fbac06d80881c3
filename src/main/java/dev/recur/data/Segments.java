package dev.recur.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-length MFCC segments {@code [frames][dims]} cut from tracks, with their label and track, as the
 * evaluation sees them: consecutive, non-overlapping, a short tail dropped (a 30 s track gives 3 segments
 * of 9 s). A track shorter than one segment gives one shorter segment (all its frames), so no track goes
 * unjudged; sequence models mask the missing steps.
 */
public record Segments(List<float[][]> segments, int[] labels, List<String> trackIds) {

    public int size() { return segments.size(); }

    public static Segments cut(List<Track> tracks, List<String> labelNames, int framesPerSegment) {
        if (framesPerSegment < 1) throw new IllegalArgumentException("a segment needs at least one frame");
        List<float[][]> segs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Track t : tracks) {
            int label = labelNames.indexOf(t.label());
            if (label < 0) throw new IllegalArgumentException(t.id() + ": label '" + t.label() + "' is not one of " + labelNames);
            for (float[][] s : of(t.frames(), framesPerSegment)) {
                segs.add(s);
                labels.add(label);
                ids.add(t.id());
            }
        }
        return new Segments(segs, labels.stream().mapToInt(Integer::intValue).toArray(), ids);
    }

    /** The segments of one MFCC matrix (views of its rows, not copies). */
    public static List<float[][]> of(float[][] frames, int framesPerSegment) {
        List<float[][]> out = new ArrayList<>();
        if (frames.length < framesPerSegment) {
            if (frames.length > 0) out.add(frames.clone());
            return out;
        }
        for (int s = 0; s + framesPerSegment <= frames.length; s += framesPerSegment) {
            out.add(Arrays.copyOfRange(frames, s, s + framesPerSegment));
        }
        return out;
    }
}
