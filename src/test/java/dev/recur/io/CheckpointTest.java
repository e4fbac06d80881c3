package dev.recur.io;

import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Optimizer;
import dev.recur.train.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointTest {
    @TempDir Path dir;

    private static Sequential model() {
        Sequential m = Sequential.of(new Gru(2, 4), new Dense(4, 1));
        m.initialize(8);
        return m;
    }

    private static void trainSteps(Sequential m, Optimizer opt, int from, int to) {
        for (int s = from; s < to; s++) {
            Random r = new Random(s);
            float[] x = new float[2 * 5 * 2], y = new float[2 * 5];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
            opt.zeroGrad();
            ForwardPass pass = ForwardPass.training(new Random(s));
            Seq out = m.forward(Seq.full(Tensor.of(x, 2, 5, 2)), pass);
            LossResult l = new MeanSquaredError().compute(out, Tensor.of(y, 2, 5, 1));
            m.backward(l.grad(), pass);
            opt.step();
        }
    }

    @Test void resumedTrainingMatchesUninterruptedTraining() throws IOException {
        Sequential straight = model();
        Adam a = new Adam(straight.params(), 0.01);
        trainSteps(straight, a, 0, 6);

        Sequential first = model();
        Adam b = new Adam(first.params(), 0.02);
        b.setLearningRate(0.01);
        trainSteps(first, b, 0, 3);
        Checkpoint.save(dir, first, ModelInfo.of(ModelInfo.REGRESSION), b, Map.of("epoch", "3"));

        ModelFile mf = Checkpoint.loadModel(dir);
        Adam c = new Adam(mf.model().params(), 0.5);
        assertEquals(Map.of("epoch", "3"), Checkpoint.restoreOptimizer(dir, c));
        assertEquals(0.01, c.learningRate());
        assertEquals(3, c.steps());
        trainSteps(mf.model(), c, 3, 6);

        Map<String, Param> want = straight.namedParams(), got = mf.model().namedParams();
        for (String k : want.keySet()) assertArrayEquals(want.get(k).value().data(), got.get(k).value().data(), k);
    }

    @Test void refusesAnotherOptimizerOrModel() throws IOException {
        Sequential m = model();
        Adam a = new Adam(m.params(), 0.01);
        trainSteps(m, a, 0, 1);
        Checkpoint.save(dir, m, ModelInfo.of(ModelInfo.REGRESSION), a, null);
        Path f = dir.resolve(Checkpoint.OPTIMIZER_FILE);

        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Checkpoint.restoreOptimizer(dir, new Sgd(m.params(), 0.1, 0.9, 0)));
        assertEquals(f + ": state of a Adam optimizer cannot resume a Sgd", e.getMessage());

        Sequential bigger = Sequential.of(new Gru(2, 5), new Dense(5, 1));
        e = assertThrows(ModelFormatException.class, () -> Checkpoint.restoreOptimizer(dir, new Adam(bigger.params(), 0.1)));
        assertTrue(e.getMessage().startsWith(f + ": optimizer state: '0.exp_avg' has shape [12, 2]"), e.getMessage());
    }
}
