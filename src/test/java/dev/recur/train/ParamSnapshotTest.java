package dev.recur.train;

import dev.recur.nn.Dense;
import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ParamSnapshotTest {
    @Test void snapshotsRestoreAndTravelThroughCheckpointTensors() {
        Dense layer = new Dense(3, 2);
        layer.initialize(new Random(1));
        List<Param> params = layer.params();
        float[][] best = ParamSnapshot.take(params);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ParamSnapshot.saveTo(tensors, best);
        assertEquals(List.of("best.0", "best.1"), List.copyOf(tensors.keySet()));

        params.getFirst().value().data()[4] += 1f;   // training goes on: the saved copies must not move
        best[1][0] = 99f;
        float[][] back = ParamSnapshot.loadFrom(tensors, params);
        assertNotEquals(99f, back[1][0]);
        ParamSnapshot.restore(params, back);
        Dense fresh = new Dense(3, 2);
        fresh.initialize(new Random(1));
        for (int i = 0; i < params.size(); i++) assertArrayEquals(fresh.params().get(i).value().data(), params.get(i).value().data());

        List<Param> bigger = new Dense(4, 2).params();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamSnapshot.loadFrom(tensors, bigger));
        assertEquals("the checkpoint lacks the best weights of parameter 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParamSnapshot.loadFrom(Map.of(), params));
        assertEquals("the checkpoint lacks the best weights of parameter 0", e.getMessage());
    }

    @Test void aCheckpointOfAnotherSeedIsRefused() {
        Dense layer = new Dense(1, 1);
        TrainingState s = TrainingState.of(3, 7, new Adam(layer.params(), 0.1), Map.of(), Map.of());
        s.requireSeed(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireSeed(8));
        assertEquals("the checkpoint was trained with seed 7, not 8", e.getMessage());
    }
}
