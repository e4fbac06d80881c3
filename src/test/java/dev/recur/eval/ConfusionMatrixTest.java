package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfusionMatrixTest {
    static final List<String> L = List.of("a", "b", "c");

    @Test void scoresFromCountsKnownAnswer() {
        //        truth: a a a a b b c c c c
        //    predicted: a a b c b a c c c b
        ConfusionMatrix m = ConfusionMatrix.of(L, new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 0, 1, 2, 1, 0, 2, 2, 2, 1});
        assertEquals(2, m.count(0, 0));
        assertEquals(1, m.count(1, 0));
        assertEquals(10, m.total());
        assertEquals(0.6, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.precision(0), 1e-12);   // predicted a: 3, right 2
        assertEquals(0.5, m.recall(0), 1e-12);
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), m.f1(0), 1e-12);
        assertEquals(1.0 / 3, m.precision(1), 1e-12);
        assertEquals(0.5, m.recall(1), 1e-12);
        assertEquals(0.75, m.precision(2), 1e-12);
        assertEquals(0.75, m.recall(2), 1e-12);
        assertEquals("truth\\predicted,a,b,c\na,2,1,1\nb,1,1,0\nc,0,1,3\n", m.toCsv());
        assertTrue(m.scoresCsv().startsWith("label,precision,recall,f1,support\na,0.666667,0.500000,0.571429,4\n"));
    }

    @Test void emptyClassScoresZeroAndIsLeftOutOfMacroF1() {
        ConfusionMatrix m = ConfusionMatrix.of(L, new int[] {0, 1}, new int[] {0, 1});
        assertEquals(0, m.precision(2));
        assertEquals(0, m.recall(2));
        assertEquals(1.0, m.macroF1(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(L, new int[] {0}, new int[] {3}));
    }
}
