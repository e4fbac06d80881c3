package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SequentialTest {

    private static Sequential classifier() {
        return Sequential.builder()
                .add("embed", new Embedding(10, 4))
                .add("drop", new Dropout(0.1f))
                .add("pyramid", new Pyramid(4))
                .add("pool", new MeanPool(8))
                .add("out", new Dense(8, 3))
                .build();
    }

    @Test
    void defaultNamesAreIndices() {
        Sequential s = Sequential.of(new Dense(4, 6), Activation.tanh(), new Dense(6, 2, false));
        assertEquals(List.of("0", "1", "2"), s.names());
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), List.copyOf(s.namedParams().keySet()));
        assertSame(s.layers().get(2).params().get(0), s.namedParams().get("2.weight"));
        assertEquals(4, s.inputSize());
        assertEquals(2, s.outputSize());
        assertEquals(4 * 6 + 6 + 6 * 2, s.parameterCount());
    }

    @Test
    void namedLayersAndNesting() {
        Sequential inner = Sequential.of(new Dense(3, 3), Activation.relu());
        Sequential s = Sequential.builder().add("encoder", inner).add("head", new Dense(3, 1)).build();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "head.weight", "head.bias"), List.copyOf(s.namedParams().keySet()));
        assertSame(inner, s.layer("encoder"));
        var e = assertThrows(IllegalArgumentException.class, () -> s.layer("nope"));
        assertEquals("no layer named 'nope' (have [encoder, head])", e.getMessage());
    }

    @Test
    void sizeMismatchNamesBothLayers() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(new Dense(5, 128), new Dropout(0.2f), new Dense(64, 10)));
        assertEquals("layer 2 (dense) expects 64 inputs but layer 0 (dense) gives 128", e.getMessage());
        var named = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add("proj", new Dense(5, 7)).add("pool", new MaxPool(8)).build());
        assertEquals("layer pool (max_pool) expects 8 inputs but layer proj (dense) gives 7", named.getMessage());
        var sized = assertThrows(IllegalArgumentException.class, () -> Sequential.of(new Dense(5, 7), new Dropout(6, 0.5f)));
        assertEquals("layer 1 (dropout) expects 6 inputs but layer 0 (dense) gives 7", sized.getMessage());
    }

    @Test
    void badNamesAndReuseAreRejected() {
        Dense d = new Dense(2, 2);
        assertEquals("duplicate layer name 'a'", assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add("a", d).add("a", new Dense(2, 2))).getMessage());
        assertEquals("layer name must be non-empty and without '.', got 'a.b'", assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add("a.b", d)).getMessage());
        assertEquals("layer '1' is the same object as layer '0'", assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(d, d)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequential.of());
    }

    @Test
    void initializeDrawsInLayerOrderFromOneSeed() {
        Sequential a = classifier(), b = classifier();
        a.initialize(7);
        b.initialize(7);
        a.namedParams().forEach((k, p) -> assertArrayEquals(p.value().data(), b.namedParams().get(k).value().data(), k));
        // One Random(seed) shared in order: the same draws as initializing the layers by hand.
        Embedding e = new Embedding(10, 4);
        Dense d = new Dense(8, 3);
        Random r = new Random(7);
        e.initialize(r);
        d.initialize(r);
        assertArrayEquals(e.weight().value().data(), a.namedParams().get("embed.weight").value().data());
        assertArrayEquals(d.weight().value().data(), a.namedParams().get("out.weight").value().data());
        b.initialize(8);
        assertFalse(java.util.Arrays.equals(a.namedParams().get("out.bias").value().data(), b.namedParams().get("out.bias").value().data()));
    }

    @Test
    void forwardShapesAndZeroGrad() {
        Sequential s = classifier();
        s.initialize(1);
        Seq ids = new Seq(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 0, 9, 0, 0, 0}, 2, 6, 1), new int[] {5, 1});
        ForwardPass pass = ForwardPass.training(new Random(2));
        Seq y = s.forward(ids, pass);
        assertArrayEquals(new int[] {2, 3}, y.values().shape());
        s.backward(new Seq(Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3), null), pass);
        assertTrue(s.params().stream().allMatch(p -> sumAbs(p) > 0), "every param got a gradient");
        s.zeroGrad();
        assertTrue(s.params().stream().allMatch(p -> sumAbs(p) == 0));
    }

    private static double sumAbs(Param p) {
        double s = 0;
        for (float g : p.grad().data()) s += Math.abs(g);
        return s;
    }

    @Test
    void gradientsThroughTheStack() {
        Sequential s = Sequential.of(new Dense(4, 6), Activation.tanh(), new Dropout(0.3f), new Pyramid(6), new MeanPool(12), new Dense(12, 3));
        s.initialize(3);
        GradientCheck.check(s, TestSeqs.sequence(4, 3, 5, 4, new int[] {5, 3, 1}), 5, 20, true);
    }

    @Test
    void summaryTable() {
        Sequential s = classifier();
        assertEquals("""
                name     type       output     params
                embed    embedding  [B,T,4]        40
                drop     dropout    [B,T,4]         0
                pyramid  pyramid    [B,T/2,8]       0
                pool     mean_pool  [B,8]           0
                out      dense      [B,3]          27
                -------------------------------------
                total                              67
                """, s.summary());
        assertEquals(67, s.parameterCount());
    }

    @Test
    void summaryOfNestedModelOnVectors() {
        Sequential s = Sequential.builder()
                .add("mlp", Sequential.of(new Dense(4, 8), Activation.relu()))
                .add("out", new Dense(8, 2))
                .build();
        assertEquals("""
                name   type   output  params
                mlp.0  dense  [B,8]       40
                mlp.1  relu   [B,8]        0
                out    dense  [B,2]       18
                ----------------------------
                total                     58
                """, s.summary(false));
        Sequential back = Sequential.fromConfig(s.config());
        assertEquals(s.namedParams().keySet(), back.namedParams().keySet());
        assertEquals(List.of("mlp.0.weight", "mlp.0.bias", "out.weight", "out.bias"), List.copyOf(back.namedParams().keySet()));
    }
}
