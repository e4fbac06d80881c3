package dev.recur.io;

import dev.recur.nn.Dense;
import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Sgd;
import dev.recur.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointerTest {
    @TempDir Path dir;

    private static Sequential model(long seed) {
        Sequential m = Sequential.builder().add("fc", new Dense(3, 2)).build();
        m.initialize(new Random(seed));
        return m;
    }

    private static Adam stepped(Sequential m, int steps) {
        Adam adam = new Adam(m.params(), 0.01);
        for (int s = 0; s < steps; s++) {
            for (Param p : m.params()) java.util.Arrays.fill(p.grad().data(), 0.1f * (s + 1));
            adam.step();
        }
        return adam;
    }

    @Test void roundTripRestoresWeightsOptimizerTensorsAndProgress() throws IOException {
        Sequential m = model(1);
        Adam adam = stepped(m, 3);
        Map<String, Object> progress = Map.of("best_loss", 0.1 + 0.2, "history", List.of(List.of(1, 1e-300, Double.MAX_VALUE)), "flag", true);
        TrainingState st = TrainingState.of(4, 77, adam, Map.of("best.0", Tensor.of(new float[] {1.5f, -0f, Float.MIN_VALUE}, 3)), progress);
        Checkpointer c = new Checkpointer(dir);
        Path saved = c.save(m, ModelInfo.of(ModelInfo.REGRESSION), st);
        assertEquals("epoch-00000004-step-000000000003", saved.getFileName().toString());

        Checkpointer.Loaded back = c.latest().orElseThrow();
        assertEquals(saved, back.dir());
        for (var e : m.namedParams().entrySet()) {
            assertArrayEquals(e.getValue().value().data(), back.model().model().namedParams().get(e.getKey()).value().data());
        }
        TrainingState s = back.state();
        assertEquals(4, s.epoch());
        assertEquals(3, s.step());
        assertEquals(77, s.seed());
        assertEquals(progress, s.progress());
        assertArrayEquals(new float[] {1.5f, -0f, Float.MIN_VALUE}, s.tensors().get("best.0").data());

        // a fresh optimizer over the restored weights continues exactly like the original
        Sequential m2 = back.model().model();
        Adam adam2 = new Adam(m2.params(), 0.5);
        s.restore(adam2);
        assertEquals(0.01, adam2.learningRate());
        for (Param p : m.params()) java.util.Arrays.fill(p.grad().data(), 0.3f);
        for (Param p : m2.params()) java.util.Arrays.fill(p.grad().data(), 0.3f);
        adam.step();
        adam2.step();
        for (int i = 0; i < m.params().size(); i++) assertArrayEquals(m.params().get(i).value().data(), m2.params().get(i).value().data());

        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> s.restore(new Sgd(m2.params(), 0.1)));
        assertTrue(wrongKind.getMessage().contains("Adam"), wrongKind.getMessage());
    }

    @Test void keepsTheNewestAndIgnoresAndCleansHalfWrittenOnes() throws IOException {
        Sequential m = model(2);
        Adam adam = stepped(m, 1);
        Checkpointer c = new Checkpointer(dir, 2);
        for (int e = 1; e <= 4; e++) c.save(m, ModelInfo.of(ModelInfo.REGRESSION), TrainingState.of(e, 1, adam, Map.of(), Map.of()));
        assertEquals(List.of("epoch-00000003-step-000000000001", "epoch-00000004-step-000000000001"),
                c.list().stream().map(p -> p.getFileName().toString()).toList());

        // what a crash mid-write leaves: a hidden temp directory with a partial file; it is invisible and swept later
        Path partial = Files.createDirectories(c.root().resolve(".tmp-epoch-00000009-step-000000000009-x"));
        Files.write(partial.resolve("model.safetensors"), new byte[] {1, 2, 3});
        assertEquals(4, c.latest().orElseThrow().state().epoch());
        c.save(m, ModelInfo.of(ModelInfo.REGRESSION), TrainingState.of(5, 1, adam, Map.of(), Map.of()));
        assertFalse(Files.exists(partial));
        // saving the same epoch and step again replaces it
        c.save(m, ModelInfo.of(ModelInfo.REGRESSION), TrainingState.of(5, 1, adam, Map.of(), Map.of("again", 1)));
        assertEquals(Map.of("again", 1), c.latest().orElseThrow().state().progress());
        assertEquals(2, c.list().size());
    }

    @Test void aDamagedNewestCheckpointFallsBackToTheOneBefore() throws IOException {
        Sequential m = model(3);
        Adam adam = stepped(m, 2);
        Checkpointer c = new Checkpointer(dir, 3);
        c.save(m, ModelInfo.of(ModelInfo.REGRESSION), TrainingState.of(1, 1, adam, Map.of(), Map.of()));
        Path newest = c.save(m, ModelInfo.of(ModelInfo.REGRESSION), TrainingState.of(2, 1, adam, Map.of(), Map.of()));
        Files.write(newest.resolve(Checkpointer.OPTIMIZER_FILE), new byte[] {9, 9});
        assertEquals(1, c.latest().orElseThrow().state().epoch());

        Files.writeString(c.list().getFirst().resolve(Checkpointer.PROGRESS_FILE), "{\"epoch\": 1.5}");
        IOException e = assertThrows(IOException.class, c::latest);
        assertTrue(e.getMessage().contains(Checkpointer.OPTIMIZER_FILE), e.getMessage());
        assertTrue(new Checkpointer(dir.resolve("nothing")).latest().isEmpty());
    }
}
