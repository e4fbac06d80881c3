package dev.recur.app.genre;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.List;
import java.util.stream.IntStream;

/** Packing segments into batches, and batched, parallel inference. */
public final class Batches {
    private Batches() {}

    /** Rows per parallel chunk: fixed, so results never depend on the core count. */
    public static final int CHUNK = 16;

    /** Segments {@code [T_i][D]} → {@code [B, max T, D]}, zero-padded at the end, with lengths when they differ. */
    public static Seq pack(List<float[][]> segments) {
        int b = segments.size(), t = 0, d = segments.getFirst()[0].length;
        boolean ragged = false;
        for (float[][] s : segments) {
            if (t != 0 && s.length != t) ragged = true;
            t = Math.max(t, s.length);
        }
        float[] v = new float[b * t * d];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            float[][] s = segments.get(i);
            lengths[i] = s.length;
            for (int j = 0; j < s.length; j++) System.arraycopy(s[j], 0, v, (i * t + j) * d, d);
        }
        return new Seq(Tensor.of(v, b, t, d), ragged ? lengths : null);
    }

    /** Class probabilities of every segment, chunks of {@link #CHUNK} run in parallel (the model is read-only). */
    public static float[][] probabilities(Sequential model, List<float[][]> segments) {
        float[][] out = new float[segments.size()][];
        int chunks = (segments.size() + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK, to = Math.min(segments.size(), from + CHUNK);
            Seq logits = model.forward(pack(segments.subList(from, to)), ForwardPass.inference());
            float[] z = logits.values().data().clone();
            int k = logits.dims();
            Kernels.active().softmax(z, 0, to - from, k);
            for (int i = from; i < to; i++) {
                out[i] = new float[k];
                System.arraycopy(z, (i - from) * k, out[i], 0, k);
            }
        });
        return out;
    }
}
