package dev.recur.app.genre;

import dev.recur.nn.Ensemble;
import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Fine-tuning's starting weights: every layer but the output copied, refused between networks built differently. */
class StartingWeightsTest {
    static final ClassifierConfig C = GenreRecipesTest.RECIPE;
    static final int DIMS = GenreRecipesTest.LOGMEL.dims();

    @Test void copiesEveryLayerButTheOutput() {
        Sequential from = ClassifierNetwork.build(C, DIMS, 3), to = ClassifierNetwork.build(C.withSeed(9), DIMS, 2);
        Sequential fresh = ClassifierNetwork.build(C.withSeed(9), DIMS, 2);
        long copied = StartingWeights.copyAllButOutput(from, to);
        Map<String, Param> a = from.namedParams(), b = fresh.namedParams();
        String output = to.names().getLast() + ".";
        long expected = 0;
        int moved = 0;
        for (Map.Entry<String, Param> e : to.namedParams().entrySet()) {
            float[] got = e.getValue().value().data();
            if (e.getKey().startsWith(output)) {
                assertArrayEquals(b.get(e.getKey()).value().data(), got, e.getKey() + ": the output layer keeps its fresh weights");
            } else {
                assertArrayEquals(a.get(e.getKey()).value().data(), got, e.getKey());
                if (!java.util.Arrays.equals(b.get(e.getKey()).value().data(), got)) moved++;
                expected += got.length;
            }
        }
        assertEquals(expected, copied);
        assertTrue(moved >= 4, "the convolution's and recurrent layer's weights changed: " + moved);
        assertTrue(copied > 0 && copied < to.parameterCount());
    }

    @Test void refusesANetworkBuiltOtherwise() {
        Sequential to = ClassifierNetwork.build(C, DIMS, 2);
        ClassifierConfig wider = new ClassifierConfig("gru", 1, 7, true, 0, 0.1, "attention", 3, 16, 1e-2, 1e-3, 1.0, 0,
                2, true, 3, 1, 8, 3, 2, 0.4, 2, "cosine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StartingWeights.copyAllButOutput(ClassifierNetwork.build(wider, DIMS, 2), to));
        assertTrue(e.getMessage().contains("weight_ih_l0") && e.getMessage().contains("[21, 8]") && e.getMessage().contains("[18, 8]"), e.getMessage());
        ClassifierConfig noConv = new ClassifierConfig("gru", 1, 6, true, 0, 0.1, "attention", 3, 16, 1e-2, 1e-3, 1.0, 0,
                2, true, 3, 0, 8, 3, 2, 0.4, 2, "cosine");
        e = assertThrows(IllegalArgumentException.class, () -> StartingWeights.copyAllButOutput(ClassifierNetwork.build(noConv, DIMS, 2), to));
        assertTrue(e.getMessage().contains("has no 0.weight"), e.getMessage());
    }

    @Test void ensembleMembersStartFromTheMemberOfTheirIndex() {
        Sequential a = ClassifierNetwork.build(C, DIMS, 3), b = ClassifierNetwork.build(C.withSeed(4), DIMS, 3);
        Sequential both = Sequential.builder().add("ensemble", new Ensemble(List.of(a, b))).build();
        assertSame(a, StartingWeights.forMember(both, 0));
        assertSame(b, StartingWeights.forMember(both, 1));
        assertSame(a, StartingWeights.forMember(both, 2));
        assertSame(a, StartingWeights.forMember(a, 1), "one network: every member starts from it");
    }
}
