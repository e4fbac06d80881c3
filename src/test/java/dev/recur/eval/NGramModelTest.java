package dev.recur.eval;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.NoteText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NGramModelTest {

    @Test void repeatedMelodyIsPredictedAlmostPerfectly() {
        MelodyVocabulary v = MelodyVocabulary.DEFAULT;
        Melody tune = NoteText.parse("C4 D4 E4 - F4 G4 - A4 B4 C5 - - . G4 E4 .", 4);
        int[] once = v.encode(tune);
        int[] many = new int[once.length * 20];
        for (int i = 0; i < 20; i++) System.arraycopy(once, 0, many, i * once.length, once.length);
        // every two-token context of this tune has one continuation, so a trigram knows it all
        NGramModel m = NGramModel.trigram(List.of(many), v.size());
        NGramModel.Score s = m.evaluate(List.of(many));
        assertTrue(s.accuracy() > 0.99, "accuracy " + s.accuracy());
        assertTrue(s.perplexity() < 1.3, "perplexity " + s.perplexity());
        assertEquals(many.length, s.events());
        // a bigram cannot: after "-" comes F4, A4, "-" or "." depending on what came before
        assertTrue(NGramModel.fit(List.of(many), v.size(), 2, NGramModel.Smoothing.KNESER_NEY, 0.75)
                .evaluate(List.of(many)).accuracy() < 0.9);
    }

    @Test void distributionsSumToOne() {
        Random r = new Random(3);
        List<int[]> data = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int[] s = new int[50];
            for (int j = 0; j < s.length; j++) s[j] = r.nextInt(5) == 0 ? r.nextInt(10) : j % 3;
            data.add(s);
        }
        int[] probe = {9, 9, 8, 0, 1, 2, 7, 7};
        for (NGramModel.Smoothing sm : NGramModel.Smoothing.values()) {
            for (int order = 1; order <= 4; order++) {
                NGramModel m = NGramModel.fit(data, 10, order, sm, sm == NGramModel.Smoothing.ADD_K ? 0.5 : 0.75);
                for (int pos = 0; pos < probe.length; pos++) {
                    double sum = 0;
                    for (double p : m.distribution(probe, pos)) { assertTrue(p > 0); sum += p; }
                    assertEquals(1.0, sum, 1e-12, sm + " order " + order + " pos " + pos);
                }
            }
        }
    }

    @Test void knownAnswers() {
        List<int[]> data = List.of(new int[] {0, 0, 1}, new int[] {0, 2});
        // add-k unigram: counts 0:3, 1:1, 2:1, 3:0 with k=1 over 4 tokens → (c+1)/9
        NGramModel uni = NGramModel.fit(data, 4, 1, NGramModel.Smoothing.ADD_K, 1);
        assertEquals(4 / 9.0, uni.probability(new int[] {}, 0, 0), 1e-12);
        assertEquals(1 / 9.0, uni.probability(new int[] {}, 0, 3), 1e-12);
        // add-k bigram after token 0 (seen 3 times, followed by 0, 1, 2): (1+1)/(3+4); unseen context 3 backs off
        NGramModel bi = NGramModel.fit(data, 4, 2, NGramModel.Smoothing.ADD_K, 1);
        assertEquals(2 / 7.0, bi.probability(new int[] {0, 1}, 1, 1), 1e-12);
        assertEquals(4 / 9.0, bi.probability(new int[] {3, 0}, 1, 0), 1e-12);
        // Kneser-Ney bigram, D = 0.5. Continuation counts: 0 follows {BOS, 0}, 1 follows {0}, 2 follows {0}
        // → N1+(•w) = 2,1,1,0 of 4 bigram types. P1(w) = max(N-D,0)/4 + D*3/4 * 1/4.
        NGramModel kn = NGramModel.fit(data, 4, 2, NGramModel.Smoothing.KNESER_NEY, 0.5);
        double p1of1 = 0.5 / 4 + 0.5 * 3 / 4 / 4;
        // after 0: counts 0:1, 1:1, 2:1 (total 3, 3 types) → (1-0.5)/3 + 0.5*3/3 * P1(1)
        assertEquals(0.5 / 3 + 0.5 * p1of1, kn.probability(new int[] {0, 1}, 1, 1), 1e-12);
        // uniform data: perplexity equals vocabulary size for a unigram add-k with huge k
        NGramModel flat = NGramModel.fit(data, 4, 1, NGramModel.Smoothing.ADD_K, 1e9);
        assertEquals(4.0, flat.evaluate(data).perplexity(), 1e-6);
    }

    @Test void countsRoundTripThroughJson() throws Exception {
        java.util.Random r = new java.util.Random(5);
        List<int[]> seqs = new java.util.ArrayList<>();
        for (int n = 0; n < 20; n++) {
            int[] s = new int[30 + r.nextInt(20)];
            for (int i = 0; i < s.length; i++) s[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(7);
            seqs.add(s);
        }
        for (NGramModel.Smoothing sm : NGramModel.Smoothing.values()) {
            for (int order = 1; order <= 4; order++) {
                NGramModel m = NGramModel.fit(seqs, 7, order, sm, sm == NGramModel.Smoothing.ADD_K ? 0.1 : 0.75);
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> back = json.readValue(json.writeValueAsString(m.toMap()), java.util.Map.class);
                NGramModel copy = NGramModel.fromMap(back);
                for (int[] s : seqs.subList(0, 3)) {
                    for (int i = 0; i < s.length; i++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(m.distribution(s, i), copy.distribution(s, i), 1e-15,
                                sm + " order " + order + " position " + i);
                    }
                }
            }
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NGramModel.fromMap(java.util.Map.of("kind", "ngram", "order", 2, "smoothing", "KNESER_NEY", "param", 0.75,
                        "vocab_size", 3, "counts", List.of(List.of(0, 5, 1)))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("token 5"), e.getMessage());
        // read back under the same checks as fit: a Kneser-Ney discount outside (0, 1) is refused
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NGramModel.fromMap(java.util.Map.of("kind", "ngram", "order", 2, "smoothing", "KNESER_NEY", "param", 1.5,
                        "vocab_size", 3, "counts", List.of(List.of(0, 1, 1)))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }
}
