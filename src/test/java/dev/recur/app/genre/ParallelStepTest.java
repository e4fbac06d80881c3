package dev.recur.app.genre;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ParallelStepTest {

    static List<float[][]> segments(int n, int minT, int maxT, Random r) {
        List<float[][]> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] s = new float[minT + r.nextInt(maxT - minT + 1)][5];
            for (float[] f : s) for (int d = 0; d < 5; d++) f[d] = (float) r.nextGaussian();
            xs.add(s);
        }
        return xs;
    }

    /** Chunked gradients summed with their row shares equal the gradient of the whole batch in one pass. */
    @Test void chunkedGradientEqualsWholeBatchGradient() {
        ClassifierConfig c = new ClassifierConfig("gru", 2, 6, true, 1, 0.0, "mean", 1, 40, 1e-3, 0, 1e9, 0, 1, false, 3);
        Random r = new Random(2);
        List<float[][]> xs = segments(37, 6, 11, r);   // 3 chunks: 16 + 16 + 5, ragged lengths
        int[] ys = new int[37];
        for (int i = 0; i < ys.length; i++) ys[i] = r.nextInt(4);

        Sequential whole = ClassifierNetwork.build(c, 5, 4);
        ForwardPass pass = ForwardPass.training(new Random(0));
        LossResult lr = new SoftmaxCrossEntropy().compute(whole.forward(Batches.pack(xs), pass), ys);
        whole.zeroGrad();
        whole.backward(lr.grad(), pass);

        Sequential chunked = ClassifierNetwork.build(c, 5, 4);
        ParallelStep step = new ParallelStep(chunked, 40);
        ParallelStep.Outcome o = step.run(xs, ys, 7);
        assertEquals(lr.loss() * 37, o.lossSum(), 1e-4);
        List<Param> a = whole.params(), b = chunked.params();
        for (int i = 0; i < a.size(); i++) {
            float[] ga = a.get(i).grad().data(), gb = b.get(i).grad().data();
            for (int j = 0; j < ga.length; j++) assertEquals(ga[j], gb[j], 1e-5 + 1e-4 * Math.abs(ga[j]), a.get(i).name() + "[" + j + "]");
        }
    }

    @Test void maskingZeroesOneSpanAndOneBandOfACopy() {
        float[][] crop = new float[100][13];
        for (float[] f : crop) Arrays.fill(f, 1f);
        for (long seed = 0; seed < 20; seed++) {
            float[][] m = ClassifierTrainer.mask(crop, new Random(seed));
            int zeroRows = 0, zeroCols = 0;
            for (float[] f : m) if (allZero(f)) zeroRows++;
            for (int d = 0; d < 13; d++) {
                boolean col = true;
                for (float[] f : m) col &= f[d] == 0f;
                if (col) zeroCols++;
            }
            assertTrue(zeroRows <= 15, "rows " + zeroRows);
            assertTrue(zeroCols <= 3, "cols " + zeroCols);
        }
        for (float[] f : crop) for (float v : f) assertEquals(1f, v, "the original crop is untouched");
    }

    static boolean allZero(float[] f) {
        for (float v : f) if (v != 0f) return false;
        return true;
    }
}
