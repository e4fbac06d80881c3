package dev.recur.audio;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.UniversalAudioInputStream;
import be.tarsos.dsp.mfcc.MFCC;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference path: TarsosDSP's {@link MFCC} run by an {@link AudioDispatcher}. {@link Mfcc} must give the
 * same numbers (tested); this one is slower and kept to prove it.
 *
 * <p>Two things to know. {@code AudioDispatcher}'s third argument is the <em>overlap</em> (frame - hop), not
 * the hop. And TarsosDSP 2.4.1's {@code calculateFilterBanks} writes centre i to index i-1, leaving the
 * last centre at bin 0 (TarsosDSP issue #166, fixed upstream by PR #165 after the 2.4.1 release); we apply
 * that fix by overwriting the centre array, which {@code getCenterFrequencies()} exposes.
 */
public final class TarsosMfcc {
    private TarsosMfcc() {}

    /** A TarsosDSP MFCC with the upstream filter-bank fix and our low/high edges. */
    public static MFCC create(FeatureSettings s) {
        MFCC m = new MFCC(s.frameSize(), s.sampleRate(), s.coefficients(), s.melBands(), (float) s.lowHz(), (float) s.highHz());
        int[] fixed = Mfcc.centerBins(s);
        System.arraycopy(fixed, 0, m.getCenterFrequencies(), 0, fixed.length);
        return m;
    }

    /** MFCCs of a segment with the framing of {@link FeatureSettings#frames(int)}, without deltas. */
    public static float[][] compute(float[] samples, int length, FeatureSettings s) {
        int frames = s.frames(length);
        int hop = s.hopSize(), n = s.frameSize();
        // Frame t starts at t*hop + hop/2 - n/2: pad the front so the dispatcher's frames start at t*hop.
        int front = n / 2 - hop / 2;
        float[] padded = new float[Math.max(front + length, (frames - 1) * hop + n)];
        System.arraycopy(samples, 0, padded, front, length);
        // fromFloatArray would quantise to 16-bit PCM; 32-bit float bytes keep the samples exact.
        ByteBuffer bytes = ByteBuffer.allocate(4 * padded.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : padded) bytes.putFloat(v);
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(TarsosDSPAudioFloatConverter.PCM_FLOAT,
                s.sampleRate(), 32, 1, 4, s.sampleRate(), false);
        AudioDispatcher d = new AudioDispatcher(
                new UniversalAudioInputStream(new ByteArrayInputStream(bytes.array()), format), n, n - hop); // overlap, not hop
        MFCC mfcc = create(s);
        List<float[]> out = new ArrayList<>();
        d.addAudioProcessor(mfcc);
        d.addAudioProcessor(new AudioProcessor() {
            @Override public boolean process(AudioEvent e) {
                if (out.size() < frames) out.add(mfcc.getMFCC());
                return true;
            }
            @Override public void processingFinished() {}
        });
        d.run();
        return out.toArray(new float[0][]);
    }
}
