package dev.recur.train;

import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The one training loop on a toy job: early stopping with the best weights back, resumption, the listener. */
class FitTest {
    record Epoch(int epoch, double trainLoss, double val) implements Fit.EpochRecord {
        @Override public double monitored() { return val; }
        @Override public double[] toRow() { return new double[] {epoch, trainLoss, val}; }
        @Override public String summary() { return String.format(Locale.ROOT, "loss %.4f val %.4f", trainLoss, val); }
    }

    /** y = 2x + 1 + noise by one dense layer, batches of 4 of 32 points shuffled per epoch; validation: a fixed set (or a scripted series of values). */
    static final class Toy implements Fit.Job<int[], Epoch> {
        final Sequential model = Sequential.of(new Dense(1, 1));
        final float[] x = new float[32], y = new float[32];
        final double[] scripted;
        final List<Integer> doneEpochs = new ArrayList<>();

        Toy(double... scripted) {
            this.scripted = scripted;
            model.initialize(1);
            Random r = new Random(2);
            for (int i = 0; i < 32; i++) {
                x[i] = (float) r.nextGaussian();
                y[i] = 2 * x[i] + 1 + 0.1f * (float) r.nextGaussian();
            }
        }

        @Override public List<int[]> batches(int epoch, Random random) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 32; i++) order.add(i);
            Collections.shuffle(order, random);
            List<int[]> out = new ArrayList<>();
            for (int b = 0; b < 32; b += 4) out.add(order.subList(b, b + 4).stream().mapToInt(Integer::intValue).toArray());
            return out;
        }

        @Override public void step(int[] rows, Fit.Update update, Random random) {
            float[] xs = new float[rows.length], ys = new float[rows.length];
            for (int i = 0; i < rows.length; i++) { xs[i] = x[rows[i]]; ys[i] = y[rows[i]]; }
            ForwardPass pass = ForwardPass.training(random);
            Seq out = model.forward(Seq.full(Tensor.of(xs, rows.length, 1)), pass);
            LossResult l = new MeanSquaredError().compute(out, Tensor.of(ys, rows.length, 1));
            model.backward(l.grad(), pass);
            update.apply(l.loss() * rows.length, rows.length);
        }

        @Override public Epoch score(int epoch, double trainLoss) {
            if (scripted.length > 0) return new Epoch(epoch, trainLoss, scripted[epoch - 1]);
            Seq out = model.forward(Seq.full(Tensor.of(x.clone(), 32, 1)), ForwardPass.inference());
            return new Epoch(epoch, trainLoss, new MeanSquaredError().compute(out, Tensor.of(y.clone(), 32, 1)).loss());
        }

        @Override public Epoch fromRow(double[] r) { return new Epoch((int) r[0], r[1], r[2]); }

        @Override public void epochDone(List<Epoch> history, boolean best) { doneEpochs.add(history.getLast().epoch()); }

        float[] weights() {
            List<Param> p = model.params();
            return new float[] {p.get(0).value().data()[0], p.get(1).value().data()[0]};
        }
    }

    static Fit.Result<Epoch> run(Toy t, int epochs, int patience, Durability d) throws IOException {
        return Fit.run(t.model, t.model.params(), new Sgd(t.model.params(), 0.05), new Fit.Settings(epochs, patience, 10, 7),
                t, Fit.Listener.NONE, d);
    }

    @Test void learnsAndKeepsTheBestEpochsWeights() throws IOException {
        Toy t = new Toy(0.9, 0.5, 0.7, 0.8, 0.3, 0.6);
        List<float[]> atEpoch = new ArrayList<>();
        Fit.Result<Epoch> r = Fit.run(t.model, t.model.params(), new Sgd(t.model.params(), 0.05), new Fit.Settings(6, 2, 10, 7), t,
                new Fit.Listener() {
                    @Override public void epochDone(Fit.EpochRecord e, boolean best) { atEpoch.add(t.weights()); }
                }, Durability.NONE);
        // epochs 3 and 4 do not beat epoch 2: patience 2 runs out after epoch 4
        assertEquals(4, r.history().size());
        assertTrue(r.stoppedEarly());
        assertEquals(2, r.bestEpoch());
        assertEquals(0.5, r.bestMonitored());
        assertArrayEquals(atEpoch.get(1), t.weights(), "the best epoch's weights are back");
        assertEquals(List.of(1, 2, 3, 4), t.doneEpochs);
    }

    @Test void fitsTheLine() throws IOException {
        Toy t = new Toy();
        Fit.Result<Epoch> r = run(t, 40, 0, Durability.NONE);
        assertEquals(40, r.history().size());
        assertFalse(r.stoppedEarly());
        assertEquals(2, t.weights()[0], 0.1);
        assertEquals(1, t.weights()[1], 0.1);
        assertEquals(40L * 32, r.counted());
    }

    @Test void aResumedRunEndsWithTheWeightsOfTheRunNeverStopped() throws IOException {
        Toy whole = new Toy();
        run(whole, 6, 0, Durability.NONE);

        Toy first = new Toy();
        List<TrainingState> saved = new ArrayList<>();
        List<Sequential> models = new ArrayList<>();
        run(first, 3, 0, new Durability(null, 1, (m, s) -> { saved.add(s); models.add(copy(m)); }, false));
        assertEquals(3, saved.size());

        Toy second = new Toy();
        Durability.Resume from = new Durability.Resume(models.getLast().namedParams(), saved.getLast(), "ckpt");
        Fit.checkResumable(from);
        Fit.Result<Epoch> r = run(second, 6, 0, new Durability(from, 0, null, false));
        assertArrayEquals(whole.weights(), second.weights());
        assertEquals(6, r.history().size());
        assertEquals(List.of(4, 5, 6), second.doneEpochs, "only the epochs run here");
    }

    @Test void weightAveragingKeepsTheMeanOfTheLastEpochsAndAResumeKeepsIt() throws IOException {
        Toy whole = new Toy();
        List<float[]> atEpoch = new ArrayList<>();
        Fit.Result<Epoch> r = Fit.run(whole.model, whole.model.params(), new Sgd(whole.model.params(), 0.05),
                new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.CONSTANT, 3), whole,
                new Fit.Listener() {
                    @Override public void epochDone(Fit.EpochRecord e, boolean best) { atEpoch.add(whole.weights()); }
                }, Durability.NONE);
        assertEquals(6, r.history().size());
        float[] kept = whole.weights();
        for (int k = 0; k < 2; k++) {
            double mean = (atEpoch.get(3)[k] + atEpoch.get(4)[k] + atEpoch.get(5)[k]) / 3.0;
            assertEquals(mean, kept[k], 1e-6, "the mean of epochs 4, 5 and 6");
            assertNotEquals(atEpoch.get(5)[k], kept[k], "not the last epoch's weights");
        }
        // the same run, stopped after epoch 5 (inside the averaged span) and resumed: the same mean, bit for bit
        Toy first = new Toy();
        List<TrainingState> saved = new ArrayList<>();
        List<Sequential> models = new ArrayList<>();
        Fit.Settings s = new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.CONSTANT, 3);
        Fit.run(first.model, first.model.params(), new Sgd(first.model.params(), 0.05), s, first, Fit.Listener.NONE,
                new Durability(null, 1, (m, st) -> { saved.add(st); models.add(copy(m)); }, false));
        Toy second = new Toy();
        Durability.Resume from = new Durability.Resume(models.get(4).namedParams(), saved.get(4), "ckpt");
        Fit.run(second.model, second.model.params(), new Sgd(second.model.params(), 0.05), s, second, Fit.Listener.NONE,
                new Durability(from, 0, null, false));
        assertArrayEquals(kept, second.weights());
        assertThrows(IllegalArgumentException.class, () -> new Fit.Settings(6, 2, 10, 7, LearningRateSchedule.CONSTANT, 3),
                "averaging needs fixed epochs");
        assertThrows(IllegalArgumentException.class, () -> new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.CONSTANT, 7));
    }

    @Test void cosineScheduleKnownAnswers() {
        assertEquals(1.0, LearningRateSchedule.COSINE.factor(1, 15));
        assertEquals(0.5, LearningRateSchedule.COSINE.factor(5, 8), 1e-15, "half way: cos(pi/2) = 0");
        assertEquals((1 + Math.cos(Math.PI * 14 / 15)) / 2, LearningRateSchedule.COSINE.factor(15, 15));
        assertEquals(0.0109, LearningRateSchedule.COSINE.factor(15, 15), 1e-4, "the last epoch runs at about 1 % of the rate");
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(9, 10));
        assertEquals(LearningRateSchedule.COSINE, LearningRateSchedule.parse("Cosine"));
        assertEquals("cosine", LearningRateSchedule.COSINE.id());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step"));
    }

    @Test void theScheduleSetsEachEpochsRateAndAResumeFollowsIt() throws IOException {
        List<Double> rates = new ArrayList<>();
        Toy whole = new Toy();
        Sgd sgd = new Sgd(whole.model.params(), 0.05);
        Fit.run(whole.model, whole.model.params(), sgd, new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.COSINE), whole,
                new Fit.Listener() {
                    @Override public void epochStarted(int epoch, int batches) { rates.add(sgd.learningRate()); }
                }, Durability.NONE);
        for (int e = 1; e <= 6; e++) assertEquals(0.05 * (1 + Math.cos(Math.PI * (e - 1) / 6)) / 2, rates.get(e - 1), 1e-15);

        Toy first = new Toy();
        List<TrainingState> saved = new ArrayList<>();
        List<Sequential> models = new ArrayList<>();
        Fit.run(first.model, first.model.params(), new Sgd(first.model.params(), 0.05), new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.COSINE),
                first, Fit.Listener.NONE, new Durability(null, 1, (m, s) -> { saved.add(s); models.add(copy(m)); }, false));
        Toy second = new Toy();
        Durability.Resume from = new Durability.Resume(models.get(2).namedParams(), saved.get(2), "ckpt");
        Fit.run(second.model, second.model.params(), new Sgd(second.model.params(), 0.05), new Fit.Settings(6, 0, 10, 7, LearningRateSchedule.COSINE),
                second, Fit.Listener.NONE, new Durability(from, 0, null, false));
        assertArrayEquals(whole.weights(), second.weights(), "resumed after epoch 3 at the schedule's rate, not the checkpoint's");
        Toy constant = new Toy();
        run(constant, 6, 0, Durability.NONE);
        assertFalse(java.util.Arrays.equals(constant.weights(), whole.weights()));
    }

    @Test void aDamagedProgressRecordIsNamed() throws IOException {
        Toy t = new Toy();
        List<TrainingState> saved = new ArrayList<>();
        run(t, 1, 0, new Durability(null, 1, (m, s) -> saved.add(s), false));
        TrainingState s = saved.getFirst();
        var progress = new java.util.LinkedHashMap<>(s.progress());
        progress.put("since_best", 1.5);
        TrainingState bad = new TrainingState(s.epoch(), s.step(), s.seed(), s.optimizerKind(), s.learningRate(), s.optimizerState(),
                s.tensors(), progress);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Fit.checkResumable(new Durability.Resume(t.model.namedParams(), bad, "run/checkpoints/epoch-1")));
        assertEquals("run/checkpoints/epoch-1/progress.json: damaged progress record: \"since_best\" must be an integer, got 1.5", e.getMessage());
    }

    private static Sequential copy(Sequential m) {
        Sequential c = Sequential.of(new Dense(1, 1));
        for (int i = 0; i < m.params().size(); i++) {
            float[] src = m.params().get(i).value().data();
            System.arraycopy(src, 0, c.params().get(i).value().data(), 0, src.length);
        }
        return c;
    }
}
