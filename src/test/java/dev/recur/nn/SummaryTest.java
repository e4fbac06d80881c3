package dev.recur.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Summaries and parameter counts of models with recurrent layers. */
class SummaryTest {

    @Test
    void tanhRnnThenDenseHas39Weights() {
        // W_ih 3×5 = 15, W_hh 3×3 = 9, no biases; dense 5×3 = 15, no bias.
        Sequential s = Sequential.of(new Rnn(5, 3, 1, false, false, Rnn.Activation.TANH), new Dense(3, 5, false));
        assertEquals(39, s.parameterCount());
        assertEquals(List.of("0.weight_ih_l0", "0.weight_hh_l0", "1.weight"), List.copyOf(s.namedParams().keySet()));
        assertEquals("""
                name   type   output   params
                0      rnn    [B,T,3]      24
                1      dense  [B,T,5]      15
                -----------------------------
                total                      39
                """, s.summary());
    }

    @Test
    void bidirectionalEncoderWithPyramidAndHead() {
        Sequential s = Sequential.builder()
                .add("lstm", new Lstm(13, 32, 1, true, true))
                .add("pyramid", new Pyramid(64))
                .add("gru", new Gru(128, 16))
                .add("pool", new MaxPool(16))
                .add("out", new Dense(16, 10))
                .build();
        long lstm = 2 * (4 * 32 * 13 + 4 * 32 * 32 + 2 * 4 * 32);
        long gru = 3 * 16 * 128 + 3 * 16 * 16 + 2 * 3 * 16;
        assertEquals(lstm + gru + 16 * 10 + 10, s.parameterCount());
        String table = s.summary();
        assertTrue(table.matches("(?s).*\\blstm +lstm +\\[B,T,64] +12,032\n.*"), table);
        assertTrue(table.matches("(?s).*\\bpyramid +pyramid +\\[B,T/2,128] +0\n.*"), table);
        assertTrue(table.matches("(?s).*\\bgru +gru +\\[B,T/2,16] +7,008\n.*"), table);
        assertTrue(table.matches("(?s).*\\bout +dense +\\[B,10] +170\n.*"), table);
        assertTrue(table.strip().endsWith(String.format("%,d", s.parameterCount())), table);
        assertTrue(s.namedParams().containsKey("lstm.weight_hh_l0_reverse"));
        var e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(new Lstm(13, 64), new Dense(128, 10)));
        assertEquals("layer 1 (dense) expects 128 inputs but layer 0 (lstm) gives 64", e.getMessage());
    }

    @Test
    void gradientThroughRecurrentModel() {
        Sequential s = Sequential.of(new Gru(3, 4), new Dropout(0.2f), new LastStep(4), new Dense(4, 2));
        s.initialize(11);
        GradientCheck.check(s, TestSeqs.sequence(12, 3, 4, 3, new int[] {4, 2, 1}), 13, 12, true);
    }
}
