package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MeanStdBaselineTest {

    @Test void meanStdKnownAnswer() {
        float[][] frames = {{1, 10}, {3, 10}, {5, 10}, {7, 10}};
        assertArrayEquals(new float[] {4, 10, (float) Math.sqrt(5), 0}, MeanStdBaseline.meanStd(frames), 1e-6f);
    }

    /** Class 0 and 1 differ only in spread, 1 and 2 only in level: the baseline needs both halves. */
    static List<float[][]> segments(int perClass, long seed, List<Integer> labels) {
        Random r = new Random(seed);
        double[][] meanStd = {{0, 1}, {0, 3}, {2, 3}};
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < perClass * 3; i++) {
            int c = i % 3;
            float[][] s = new float[20][2];
            for (float[] f : s) {
                f[0] = (float) (meanStd[c][0] + meanStd[c][1] * r.nextGaussian());
                f[1] = (float) r.nextGaussian();
            }
            out.add(s);
            labels.add(c);
        }
        return out;
    }

    @Test void separatesClassesByLevelAndBySpreadAndRoundTripsItsState() {
        List<Integer> yTrain = new ArrayList<>(), yTest = new ArrayList<>();
        List<float[][]> train = segments(40, 1, yTrain), test = segments(40, 2, yTest);
        List<String> labels = List.of("calm", "wide", "high");
        MeanStdBaseline b = MeanStdBaseline.fit(train, yTrain.stream().mapToInt(Integer::intValue).toArray(), labels,
                LogisticRegression.Options.defaults());
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            if (dev.recur.eval.ClassificationReport.argmax(b.predictProba(test.get(i))) == yTest.get(i)) right++;
        }
        assertTrue(right >= 0.95 * test.size(), right + " of " + test.size());
        MeanStdBaseline back = MeanStdBaseline.fromState(b.state());
        assertEquals(labels, back.labels());
        assertArrayEquals(b.predictProba(test.get(3)), back.predictProba(test.get(3)));
    }

    @Test void readsOnlyTheLeadingColumnsWhenAsked() {
        List<Integer> y = new ArrayList<>();
        List<float[][]> train = segments(30, 3, y);
        for (float[][] s : train) for (int t = 0; t < s.length; t++) s[t] = new float[] {s[t][0], s[t][1], 1e6f * t};
        MeanStdBaseline b = MeanStdBaseline.fit(train, y.stream().mapToInt(Integer::intValue).toArray(), List.of("a", "b", "c"),
                LogisticRegression.Options.defaults(), 2);
        assertEquals(2, b.columns());
        assertEquals(4, b.state().mean().length);
        float[][] seg = train.get(0);
        float[][] other = new float[seg.length][];
        for (int t = 0; t < seg.length; t++) other[t] = new float[] {seg[t][0], seg[t][1], -5f};
        assertArrayEquals(b.predictProba(seg), b.predictProba(other), "the third column is ignored");
        assertEquals(2, MeanStdBaseline.fromState(b.state()).columns());
    }

    @Test void standardizerUsesTrainingStatisticsAndSurvivesConstantColumns() {
        Standardizer s = Standardizer.fit(new float[][] {{1, 5}, {3, 5}});
        assertArrayEquals(new float[] {2, 5}, s.mean());
        assertArrayEquals(new float[] {1, 1}, s.std());
        assertArrayEquals(new float[] {3, 0}, s.apply(new float[] {5, 5}));
    }
}
