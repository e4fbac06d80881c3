package dev.recur.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one feature driver: runs the settings' {@link FrameAnalyzer} ({@link Mfcc} or {@link LogMel}) over an audio file or stream, which it reads once, in order, never
 * whole. Two shapes of result:
 * <ul>
 *   <li>{@link #whole}: the matrix {@code [samples / hop][dims]} of the whole track (the classifier's input;
 *       memory holds one block of audio plus a frame of overlap, and the matrix). Frame t is the frame
 *       {@link FrameAnalyzer#compute} gives for the whole track in memory (centred on hop block t, zero-padded at the ends).</li>
 *   <li>{@link #segments}: fixed-length segments ({@link SegmentSettings}, cut by {@link Segmenter}), each
 *       analysed on its own as TarsosDSP would (a 9 s segment is {@code [387, 13]}); memory holds one segment.</li>
 * </ul>
 */
public final class TrackMfcc {
    private TrackMfcc() {}

    private static final int BLOCK_HOPS = 256;

    /** The segments' MFCC matrices and how many samples the track had. */
    public record Segmented(float[][][] segments, long samples) {}

    /** {@link #whole(MonoStream, FeatureSettings)} of a file of any readable format. */
    public static float[][] whole(Path file, FeatureSettings settings) throws IOException {
        try (MonoStream in = AudioFiles.open(file, settings.sampleRate())) {
            return whole(in, settings);
        }
    }

    /** The segments of a file of any readable format; a short tail is dropped unless the settings pad it. */
    public static Segmented segments(Path file, FeatureSettings features, SegmentSettings segments) throws IOException {
        try (MonoStream in = AudioFiles.open(file, features.sampleRate())) {
            FrameAnalyzer mfcc = features.analyzer();
            List<float[][]> out = new ArrayList<>();
            Segmenter seg = new Segmenter(in, segments);
            for (Segment s; (s = seg.next()) != null; ) out.add(mfcc.compute(s.samples(), s.samples().length));
            return new Segmented(out.toArray(new float[0][][]), seg.consumed());
        }
    }

    public static float[][] whole(MonoStream in, FeatureSettings settings) throws IOException {
        FrameAnalyzer mfcc = settings.analyzer();
        int hop = settings.hopSize(), half = settings.frameSize() / 2;
        // buf[i] holds sample bufStart + i; frame t needs samples [t*hop + hop/2 - half, t*hop + hop/2 + half)
        float[] buf = new float[BLOCK_HOPS * hop + 2 * half + hop];
        long bufStart = 0;
        int have = 0;
        boolean ended = false;
        long total = 0;
        List<float[]> rows = new ArrayList<>();
        int t = 0;
        while (true) {
            if (!ended) {
                int n = in.readFully(buf, have, buf.length - have);
                if (n < buf.length - have) ended = true;
                have += n;
                total += n;
            }
            // emit every frame whose window lies inside what we have (or all remaining ones at the end)
            while (true) {
                long start = (long) t * hop + hop / 2 - half;
                if (ended ? (long) (t + 1) * hop > total : start + 2L * half > bufStart + have) break;
                float[] out = new float[settings.dims()];
                // samples before bufStart are no longer needed: windows only move forward
                mfcc.frame(buf, have, (int) (start - bufStart), out);
                rows.add(out);
                t++;
            }
            if (ended) break;
            // keep from the next frame's window start on
            long keepFrom = Math.max(bufStart, (long) t * hop + hop / 2 - half);
            int drop = (int) (keepFrom - bufStart);
            System.arraycopy(buf, drop, buf, 0, have - drop);
            have -= drop;
            bufStart = keepFrom;
        }
        float[][] frames = rows.toArray(float[][]::new);
        if (settings.deltas() && frames.length > 0) Deltas.append(frames, settings.baseDims());
        return frames;
    }
}
