package dev.recur.app.genre;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.Deltas;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.FrameAnalyzer;
import dev.recur.audio.MonoStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MFCC matrix {@code [samples / hop][dims]} of a whole track, streamed: memory holds one block of audio
 * (plus a frame of overlap) and the matrix, never the whole decoded file. Frame t is the same frame
 * {@link dev.recur.audio.FrameAnalyzer#compute} gives for the whole track in memory (centred on hop block t, zero-padded at the ends).
 */
public final class TrackMfcc {
    private TrackMfcc() {}

    private static final int BLOCK_HOPS = 256;

    public static float[][] extract(Path file, FeatureSettings settings) throws IOException {
        try (MonoStream in = AudioFiles.open(file, settings.sampleRate())) {
            return extract(in, settings);
        }
    }

    public static float[][] extract(MonoStream in, FeatureSettings settings) throws IOException {
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
