package dev.recur.data;

import dev.recur.audio.FeatureSettings;
import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class GenreDatasetTest {

    static Path dataset(Path dir, int tracks, double seconds) throws Exception {
        SynthDataset.write(dir, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT), tracks, seconds, 9));
        return dir;
    }

    @Test void loadsLabelsInOrderAndSkipsBadFilesWithAReason(@TempDir Path dir) throws Exception {
        dataset(dir, 3, 1.0);
        Files.writeString(dir.resolve("organ/broken.wav"), "this is not a wav file");
        Files.write(dir.resolve("drums/empty.wav"), new byte[0]);
        Files.writeString(dir.resolve("drums/notes.txt"), "ignored: not audio");
        Files.createDirectories(dir.resolve("empty-label"));
        AudioDataset ds = AudioDataset.load(dir, FeatureSettings.defaults(), AudioDataset.byFile());
        assertEquals(List.of("ambient", "drums", "organ"), ds.labels());
        assertEquals(9, ds.tracks().size());
        assertEquals("ambient/ambient_00.wav", ds.tracks().getFirst().id());
        assertEquals(43, ds.tracks().getFirst().frames().length);   // 22050 / 512
        assertEquals(13, ds.tracks().getFirst().frames()[0].length);
        assertEquals(2, ds.skipped().size());
        for (AudioDataset.Skipped s : ds.skipped()) {
            String name = s.file().getFileName().toString();
            assertTrue(s.reason().contains(name + ":"), s.reason());
            assertFalse(s.reason().contains("Exception"), s.reason());
        }
    }

    @Test void cachedFeaturesEqualFreshOnes(@TempDir Path dir) throws Exception {
        Path data = dataset(dir.resolve("data"), 2, 0.7);
        var cache = new dev.recur.data.FeatureCache(dir.resolve("cache"));
        AudioDataset fresh = AudioDataset.load(data, FeatureSettings.defaults(), AudioDataset.byFile(), dev.recur.progress.Progress.NONE, cache);
        long entries;
        try (var s = Files.walk(dir.resolve("cache"))) { entries = s.filter(p -> p.toString().endsWith(".rcfc")).count(); }
        assertEquals(6, entries);
        AudioDataset cached = AudioDataset.load(data, FeatureSettings.defaults(), AudioDataset.byFile(), dev.recur.progress.Progress.NONE, cache);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(fresh.tracks().get(i).frames(), cached.tracks().get(i).frames());
        }
        // other settings miss the cache
        AudioDataset deltas = AudioDataset.load(data, FeatureSettings.defaults().withDeltas(true), AudioDataset.byFile(), dev.recur.progress.Progress.NONE, cache);
        assertEquals(26, deltas.tracks().getFirst().frames()[0].length);
    }

    @Test void groupPatternTakesTheFirstCaptureGroup() {
        var g = AudioDataset.byPattern("^(.*)__");
        assertEquals("e1m1", g.apply("e1m1__piano.wav"));
        assertEquals("solo.wav", g.apply("solo.wav"));
        assertThrows(IllegalArgumentException.class, () -> AudioDataset.byPattern("__"));
    }

    /** Unlabelled audio (masked pretraining's): every file at any depth, the same frames as the labelled load's. */
    @Test void unlabelledAudioIsEveryFileAtAnyDepth(@TempDir Path dir) throws Exception {
        dataset(dir.resolve("labelled"), 2, 1.0);
        Path flat = Files.createDirectories(dir.resolve("flat/deeper"));
        Files.copy(dir.resolve("labelled/drums/drums_00.wav"), dir.resolve("flat/a.wav"));
        Files.copy(dir.resolve("labelled/organ/organ_01.wav"), flat.resolve("b.wav"));
        Files.writeString(dir.resolve("flat/broken.wav"), "not a wav file");
        AudioDataset ds = AudioDataset.loadUnlabelled(dir.resolve("flat"), FeatureSettings.defaults(), dev.recur.progress.Progress.NONE, null);
        assertEquals(List.of("a.wav", "deeper/b.wav"), ds.tracks().stream().map(Track::id).toList());
        assertTrue(ds.labels().isEmpty() && ds.tracks().stream().allMatch(t -> t.label().isEmpty()));
        assertEquals(1, ds.skipped().size());
        AudioDataset labelled = AudioDataset.load(dir.resolve("labelled"), FeatureSettings.defaults(), AudioDataset.byFile());
        assertArrayEquals(labelled.tracks().stream().filter(t -> t.id().equals("drums/drums_00.wav")).findFirst().orElseThrow().frames(),
                ds.tracks().getFirst().frames());
        assertEquals(ds.tracks().size(), AudioDataset.loadUnlabelled(dir.resolve("labelled"), FeatureSettings.defaults(),
                dev.recur.progress.Progress.NONE, null).tracks().size() - 4, "a labelled folder reads as unlabelled audio too (6 files)");
        Files.createDirectories(dir.resolve("silent"));
        Files.writeString(dir.resolve("silent/notes.txt"), "no audio");
        IOException e = assertThrows(IOException.class, () -> AudioDataset.loadUnlabelled(dir.resolve("silent"), FeatureSettings.defaults(),
                dev.recur.progress.Progress.NONE, null));
        assertTrue(e.getMessage().contains("silent: no audio files"), e.getMessage());
    }

    @Test void aFolderWithoutLabelsIsAClearError(@TempDir Path dir) {
        var e = assertThrows(java.io.IOException.class, () -> AudioDataset.load(dir, FeatureSettings.defaults(), AudioDataset.byFile()));
        assertTrue(e.getMessage().contains("need at least 2 label folders"), e.getMessage());
    }

    @Test void segmentsAreConsecutiveWindowsAndShortTracksGiveOneShortSegment() {
        float[][] frames = new float[10][1];
        for (int i = 0; i < 10; i++) frames[i][0] = i;
        var segs = Segments.of(frames, 4);
        assertEquals(2, segs.size());
        assertEquals(4f, segs.get(1)[0][0]);
        assertEquals(1, Segments.of(frames, 20).size());
        assertEquals(10, Segments.of(frames, 20).getFirst().length);
        Track t = new Track(Path.of("a/x.wav"), "a/x.wav", "a", "x.wav", frames);
        Segments s = Segments.cut(List.of(t), List.of("b", "a"), 3);
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {1, 1, 1}, s.labels());
        assertEquals(Set.of("a/x.wav"), new HashSet<>(s.trackIds()));
    }
}
