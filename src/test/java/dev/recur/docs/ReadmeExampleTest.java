package dev.recur.docs;

import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Lstm;
import dev.recur.nn.MeanPool;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "From Java" example, as written there, so it cannot rot. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleTrainsSavesAndLoads(@TempDir Path dir) throws Exception {
        Random data = new Random(3);
        Tensor batch = Tensor.zeros(4, 20, 13);
        for (int i = 0; i < batch.size(); i++) batch.data()[i] = (float) data.nextGaussian();
        int[] lengths = {20, 15, 10, 5};
        int[] labels = {0, 3, 7, 9};
        List<String> genres = List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock");
        int epoch = 0;

        Sequential model = Sequential.of(
                new Lstm(13, 64, 2, false, true),
                new MeanPool(64),
                new Dense(64, 10));
        model.initialize(42);
        Adam adam = new Adam(model.params(), 1e-3);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

        Seq x = new Seq(batch, lengths);
        ForwardPass pass = ForwardPass.training(new Random(epoch));
        LossResult r = loss.compute(model.forward(x, pass), labels);
        model.backward(r.grad(), pass);
        GradientClipping.clipGlobalNorm(model.params(), 1.0);
        adam.step();
        adam.zeroGrad();

        ModelStore.save(dir, model, ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(genres));
        Sequential loaded = ModelStore.load(dir).model();
        Seq logits = loaded.forward(x, ForwardPass.inference());
        System.out.println(loaded.summary());

        assertArrayEquals(model.forward(x, ForwardPass.inference()).values().data(), logits.values().data());
        assertTrue(loaded.summary().contains("lstm"));
    }
}
