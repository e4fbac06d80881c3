package dev.recur.data;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.TestAudio;
import dev.recur.audio.TestAudio.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DataTest {
    @TempDir Path dir;
    private static final FeatureSettings FS = FeatureSettings.defaults();
    private static final SegmentSettings ONE_SECOND = new SegmentSettings(1, 0, false);

    private Path wav(String name, double seconds, double hz) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        TestAudio.writeWav(f, 22050, Sample.S16, TestAudio.tone(hz, seconds, 22050, 0.3));
        return f;
    }

    /** The build points every test JVM's default cache into target/ (pom.xml), never at the user's ~/.cache/recur. */
    @Test void testsNeverUseTheUsersRealCache() {
        Path real = Path.of(System.getProperty("user.home"), ".cache", "recur");
        Path used = FeatureCache.defaultDir().toAbsolutePath().normalize();
        assertFalse(used.startsWith(real), "tests would write into " + used);
        assertTrue(used.startsWith(Path.of("target").toAbsolutePath()), used.toString());
    }

    @Test void extractorCutsAndReportsShortFiles() throws IOException {
        FeatureExtractor ex = new FeatureExtractor(FS, ONE_SECOND, null);
        FeatureExtractor.Outcome ok = ex.extract(wav("a.wav", 3.5, 440));
        assertTrue(ok.ok());
        assertEquals(3, ok.features().segments().length);
        assertEquals(22050 / 512, ok.features().segments()[0].length);
        assertEquals(3.5, ok.features().seconds(), 1e-9);
        Path shortFile = wav("short.wav", 0.5, 440);
        FeatureExtractor.Outcome tooShort = ex.extract(shortFile);
        assertFalse(tooShort.ok());
        assertEquals(shortFile + ": too short (0.50 s; a segment is 1 s)", tooShort.error());
        assertTrue(tooShort.tooShort());
        assertEquals(0.5, tooShort.shortSeconds(), 1e-9);
        assertFalse(ok.tooShort());
        FeatureExtractor padded = new FeatureExtractor(FS, new SegmentSettings(1, 0, true), null);
        assertEquals(1, padded.extract(shortFile).features().segments().length);
    }

    @Test void cacheHitsAndIsInvalidatedByContentOrSettings() throws IOException {
        Path f = wav("c.wav", 2, 440);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        FeatureExtractor ex = new FeatureExtractor(FS, ONE_SECOND, cache);
        FeatureExtractor.Outcome first = ex.extract(f);
        assertFalse(first.cached());
        FeatureExtractor.Outcome second = ex.extract(f);
        assertTrue(second.cached());
        assertArrayEquals(first.features().segments()[1][5], second.features().segments()[1][5]);
        assertEquals(first.features().seconds(), second.features().seconds());

        // A changed setting misses.
        FeatureExtractor other = new FeatureExtractor(FS.withDeltas(true), ONE_SECOND, cache);
        FeatureExtractor.Outcome withDeltas = other.extract(f);
        assertFalse(withDeltas.cached());
        assertEquals(26, withDeltas.features().segments()[0][0].length);
        assertFalse(new FeatureExtractor(FS, new SegmentSettings(0.5, 0, false), cache).extract(f).cached());

        // A changed file misses and gives the new file's features.
        TestAudio.writeWav(f, 22050, Sample.S16, TestAudio.tone(2000, 2, 22050, 0.3));
        FeatureExtractor.Outcome changed = ex.extract(f);
        assertFalse(changed.cached());
        assertNotEquals(first.features().segments()[0][5][1], changed.features().segments()[0][5][1]);
        assertTrue(ex.extract(f).cached());

        // A damaged entry is recomputed, not trusted.
        Path entry = cache.entry(f, ex.settingsKey());
        Files.write(entry, new byte[] {1, 2, 3});
        FeatureExtractor.Outcome repaired = ex.extract(f);
        assertFalse(repaired.cached());
        assertArrayEquals(changed.features().segments()[1][3], repaired.features().segments()[1][3]);
    }

    /** The entry format, byte for byte (known answer), written atomically: no temp file left, the usual file mode. */
    @Test void cacheEntryBytesAndAtomicWrite() throws IOException {
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        Path e = dir.resolve("cache/ab/entry.rcfc");
        cache.write(e, "k", new TrackFeatures("a.wav", 1.5, new float[][][] {{{0.25f}, {-1f}}}));
        assertEquals("52434643" + "01000000" + "01000000" + "6b" + "000000000000f83f"     // RCFC, v1, key "k", 1.5 s
                + "01000000" + "02000000" + "01000000" + "0000803e" + "000080bf",          // 1 segment, 2 frames, 1 dim
                java.util.HexFormat.of().formatHex(Files.readAllBytes(e)));
        try (var s = Files.list(e.getParent())) { assertEquals(List.of(e), s.toList()); }
        TrackFeatures back = cache.read(e, Path.of("a.wav"), "k");
        assertArrayEquals(new float[] {-1f}, back.segments()[0][1]);
        assertNull(cache.read(e, Path.of("a.wav"), "other settings"));
        var usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        assertEquals(usual, Files.getPosixFilePermissions(e));
    }

    @Test void csvRoundTrip() throws IOException {
        FeatureExtractor ex = new FeatureExtractor(FS.withDeltas(true), ONE_SECOND, null);
        TrackFeatures a = ex.extract(wav("x, with comma.wav", 2.2, 300)).features();
        TrackFeatures b = ex.extract(wav("y.wav", 1.1, 600)).features();
        Path csv = dir.resolve("out/features.csv");
        Files.createDirectories(csv.getParent());
        try (FeatureCsv.Writer w = new FeatureCsv.Writer(Files.newOutputStream(csv), 13, true)) {
            w.write(a);
            w.write(b);
        }
        assertTrue(Files.readAllLines(csv).get(0).startsWith("file,segment,frame,mfcc_0,"));
        List<TrackFeatures> back = FeatureCsv.read(csv);
        assertEquals(2, back.size());
        for (int k = 0; k < 2; k++) {
            TrackFeatures want = k == 0 ? a : b, got = back.get(k);
            assertEquals(want.file(), got.file());
            assertEquals(want.segments().length, got.segments().length);
            for (int s = 0; s < want.segments().length; s++) {
                for (int t = 0; t < want.segments()[s].length; t++) assertArrayEquals(want.segments()[s][t], got.segments()[s][t]);
            }
        }
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "temp file left behind");
        }
    }

    @Test void datasetSplitsByTrackDeterministicallyAndSkipsBadFiles() throws IOException {
        String[] labels = {"rock", "jazz", "pop"};
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < 10; i++) wav(labels[l] + "/" + labels[l] + "." + i + ".wav", 2 + (i % 2), 200 + 100 * l + 10 * i);
        }
        Files.writeString(dir.resolve("jazz/broken.wav"), "not audio");
        wav("pop/tiny.wav", 0.3, 500);
        Files.writeString(dir.resolve("pop/readme.txt"), "ignored: not an audio extension");
        Files.createDirectories(dir.resolve(".hidden"));
        wav(".hidden/x.wav", 2, 100);

        AudioDataset.Options opts = new AudioDataset.Options(new SplitRatios(0.2, 0.2), dir.resolve(".cache"), 2);
        List<String> seen = new ArrayList<>();
        AudioDataset d = AudioDataset.load(dir, FS, ONE_SECOND, 7, opts, o -> seen.add(o.file().getFileName().toString()));
        assertEquals(List.of("jazz", "pop", "rock"), d.labels());
        assertEquals(32, seen.size());
        assertEquals(2, d.skipped().size());
        assertTrue(d.skipped().get(0).reason().startsWith(dir.resolve("jazz/broken.wav") + ": "));
        assertTrue(d.skipped().get(1).reason().contains("too short"));
        assertEquals(30 * 2 + 15, d.segments().size()); // 2 or 3 one-second segments per track

        Map<String, Split> side = new HashMap<>();
        int[] perSplit = new int[3];
        for (LabelledSegment s : d.segments()) {
            Split prev = side.putIfAbsent(s.track(), s.split());
            assertTrue(prev == null || prev == s.split(), "track " + s.track() + " on two sides");
            assertEquals(d.labels().get(s.label()), s.track().substring(0, s.track().indexOf('/')));
            assertEquals(43, s.features().length);
        }
        for (Split s : side.values()) perSplit[s.ordinal()]++;
        assertArrayEquals(new int[] {18, 6, 6}, perSplit); // 2 validation and 2 test tracks per label

        AudioDataset again = AudioDataset.load(dir, FS, ONE_SECOND, 7, opts, o -> assertTrue(o.cached() || !o.ok()));
        assertEquals(d.splits(), again.splits());
        AudioDataset reseeded = AudioDataset.load(dir, FS, ONE_SECOND, 8, opts, o -> {});
        assertNotEquals(d.splits(), reseeded.splits());

        FeatureStats stats = d.trainStats();
        assertEquals(13, stats.dims());
        List<float[][]> normalised = d.segments(Split.TRAIN).stream().map(s -> stats.apply(s.features())).toList();
        FeatureStats after = FeatureStats.fit(normalised);
        for (int c = 0; c < 13; c++) {
            assertEquals(0, after.mean()[c], 1e-3);
            assertEquals(1, after.std()[c], 1e-3);
        }
    }

    @Test void settingsAndStatsRoundTripThroughJson() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        FeatureSettings fs = new FeatureSettings(16000, 1024, 256, 20, 30, 50, 7000, true);
        assertEquals(fs, json.readValue(json.writeValueAsString(fs), FeatureSettings.class));
        SegmentSettings ss = new SegmentSettings(3, 0.5, true);
        assertEquals(ss, json.readValue(json.writeValueAsString(ss), SegmentSettings.class));
        java.util.Map<String, Object> modelJson = new java.util.LinkedHashMap<>(fs.toMap());
        modelJson.putAll(ss.toMap());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> back = json.readValue(json.writeValueAsString(modelJson), java.util.Map.class);
        assertEquals(fs, FeatureSettings.fromMap(back));
        assertEquals(ss, SegmentSettings.fromMap(back));
        assertEquals(FeatureSettings.defaults(), FeatureSettings.fromMap(java.util.Map.of("kind", "mfcc")));
        assertThrows(IllegalArgumentException.class, () -> FeatureSettings.fromMap(java.util.Map.of("kind", "mel")));
        FeatureStats st = new FeatureStats(new float[] {1.5f, -2f}, new float[] {0.25f, 3f});
        assertEquals(st, json.readValue(json.writeValueAsString(st), FeatureStats.class));
    }

    @Test void splitIgnoresListingOrder() {
        Map<String, List<String>> a = Map.of("x", List.of("x/1", "x/2", "x/3", "x/4", "x/5"), "y", List.of("y/1", "y/2", "y/3"));
        Map<String, List<String>> b = Map.of("y", List.of("y/3", "y/1", "y/2"), "x", List.of("x/5", "x/4", "x/3", "x/2", "x/1"));
        SplitRatios r = new SplitRatios(0.2, 0.2);
        assertEquals(TrackSplitter.split(a, r, 1), TrackSplitter.split(b, r, 1));
    }

    @Test void badRootIsOneLine() {
        IOException e = assertThrows(IOException.class, () -> AudioDataset.load(dir.resolve("nope"), FS, ONE_SECOND, 1));
        assertEquals(dir.resolve("nope") + ": not a folder", e.getMessage());
        IOException empty = assertThrows(IOException.class, () -> AudioDataset.load(dir, FS, ONE_SECOND, 1));
        assertTrue(empty.getMessage().contains("no label folders"), empty.getMessage());
    }
}
