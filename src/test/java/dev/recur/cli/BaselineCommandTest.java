package dev.recur.cli;

import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BaselineCommandTest {

    @Test void fitsReportsAndListsTheCorruptFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), out = dir.resolve("out");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT, Style.CHIPTUNE), 6, 1.5, 3));
        Files.writeString(data.resolve("drums/corrupt.wav"), "RIFF....WAVEnope");
        int code = Main.run("baseline", data.toString(), "--out", out.toString(), "--segment-seconds", "0.5", "--no-progress", "--cache", dir.resolve("cache").toString());
        assertEquals(ExitCodes.PARTIAL, code);
        for (String f : List.of("baseline.json", "split.csv", "baseline_test_report.txt", "baseline_test_scores.csv",
                "baseline_test_confusion_segments.csv", "baseline_test_confusion_segments.png",
                "baseline_test_confusion_tracks.csv", "baseline_test_confusion_tracks.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // the split file names every good track once, and a track's segments never leave its side
        List<String> rows = Files.readAllLines(out.resolve("split.csv"));
        assertEquals("track,group,side", rows.getFirst());
        assertEquals(24, rows.size() - 1);
        Map<String, String> side = new HashMap<>();
        for (String r : rows.subList(1, rows.size())) assertNull(side.put(r.split(",")[0], r.split(",")[2]));
        String report = Files.readString(out.resolve("baseline_test_report.txt"));
        assertTrue(report.contains("tracks:   4,"), report);   // 20 % of 6 tracks per class, 4 classes
    }

    @Test void missingDatasetIsOneLineFailure(@TempDir Path dir) {
        assertEquals(ExitCodes.FAILURE, Main.run("baseline", dir.resolve("nope").toString(), "--out", dir.toString(), "--no-progress", "--no-cache"));
    }
}
