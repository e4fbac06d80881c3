package dev.recur.audio;

import dev.recur.samples.Pcm16WavWriter;
import dev.recur.samples.Style;
import dev.recur.samples.StyleSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class TrackMfccTest {
    /** Streaming in blocks gives exactly the frames of the whole track computed in memory, deltas included. */
    @Test void streamedMatrixEqualsInMemoryMatrix(@TempDir Path dir) throws Exception {
        // 7.3 s: several streaming blocks (256 hops = 5.9 s each) and a partial last hop
        Path f = dir.resolve("x.wav");
        Pcm16WavWriter.write(f, StyleSynth.render(Style.CHIPTUNE, 4, 7.3), 22050);
        for (FeatureSettings fs : new FeatureSettings[] {FeatureSettings.defaults(), FeatureSettings.defaults().withDeltas(true),
                FeatureSettings.logMel(64).withDeltas(true)}) {
            float[] all = AudioFiles.readAll(f, 22050);
            float[][] expected = fs.analyzer().compute(all, all.length);
            float[][] streamed = TrackMfcc.whole(f, fs);
            assertEquals(all.length / 512, streamed.length);
            assertEquals(expected.length, streamed.length);
            for (int t = 0; t < expected.length; t++) assertArrayEquals(expected[t], streamed[t], "frame " + t);
        }
    }
}
