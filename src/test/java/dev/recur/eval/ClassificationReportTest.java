package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ClassificationReportTest {
    static final List<String> L = List.of("x", "y");

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
