package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ClassificationReportTest {
    static final List<String> L = List.of("x", "y");

    /** The folds of a cross-validation pooled: the same report as one made from all their segments at once. */
    @Test void poolingDisjointReportsEqualsOneReportOfAllSegments() {
        java.util.Random r = new java.util.Random(5);
        List<String> labels = List.of("a", "b", "c");
        int n = 60;
        int[] truth = new int[n];
        float[][] probs = new float[n][3];
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int track = i / 3;
            truth[i] = track % 3;
            float sum = 0;
            for (int c = 0; c < 3; c++) sum += probs[i][c] = 0.05f + r.nextFloat();
            for (int c = 0; c < 3; c++) probs[i][c] /= sum;
            ids.add("t" + track);
        }
        ClassificationReport all = ClassificationReport.of(labels, truth, probs, ids);
        ClassificationReport first = ClassificationReport.of(labels, java.util.Arrays.copyOfRange(truth, 0, 21),
                java.util.Arrays.copyOfRange(probs, 0, 21), ids.subList(0, 21));
        ClassificationReport rest = ClassificationReport.of(labels, java.util.Arrays.copyOfRange(truth, 21, n),
                java.util.Arrays.copyOfRange(probs, 21, n), ids.subList(21, n));
        ClassificationReport pooled = ClassificationReport.pool(List.of(first, rest));
        assertEquals(all.segments().toCsv(), pooled.segments().toCsv());
        assertEquals(all.tracks().toCsv(), pooled.tracks().toCsv());
        assertEquals(all.trackCorrect(), pooled.trackCorrect());
        assertArrayEquals(all.segmentCorrect(), pooled.segmentCorrect());
        assertEquals(all.segmentTracks(), pooled.segmentTracks());
        assertEquals(all.logLoss(), pooled.logLoss(), 1e-12);
        assertEquals(all.segments().accuracy(), pooled.segments().accuracy());
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.pool(List.of(first, first)), "a track in two folds");
    }

    @Test void trackVoteAveragesProbabilitiesNotVotes() {
        // track t1 (truth x): two segments lean slightly to y, one is confidently x -> mean favours x
        // track t2 (truth y): both segments say y
        int[] truth = {0, 0, 0, 1, 1};
        float[][] p = {{0.45f, 0.55f}, {0.45f, 0.55f}, {0.95f, 0.05f}, {0.2f, 0.8f}, {0.3f, 0.7f}};
        ClassificationReport r = ClassificationReport.of(L, truth, p, List.of("t1", "t1", "t1", "t2", "t2"));
        assertEquals(3.0 / 5, r.segmentAccuracy(), 1e-12);
        assertEquals(1.0, r.trackAccuracy(), 1e-12);
        assertEquals(2, r.tracks().total());
        double ll = -(2 * Math.log(0.45) + Math.log(0.95) + Math.log(0.8) + Math.log(0.7)) / 5;
        assertEquals(ll, r.logLoss(), 1e-6);
        String text = r.toText("test");
        assertTrue(text.contains("accuracy 60.0%") && text.contains("accuracy 100.0%"), text);
        Map<String, ClassificationReport> both = new LinkedHashMap<>();
        both.put("rnn", r);
        both.put("baseline", r);
        assertTrue(ClassificationReport.compareCsv(both).startsWith("model,segments,segment_accuracy,tracks,track_accuracy"));
        assertEquals(3, ClassificationReport.compare(both).split("\n").length);
    }

    @Test void aTrackWithTwoTrueLabelsIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(L, new int[] {0, 1},
                new float[][] {{1, 0}, {0, 1}}, List.of("same", "same")));
        assertTrue(e.getMessage().contains("same"));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(L, new int[] {0},
                new float[][] {{1, 0, 0}}, List.of("t")));
    }
}
