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

    @Test void datasetReadsNestedFoldersThroughTheCacheAndSkipsHiddenAndBadFiles() throws IOException {
        String[] labels = {"rock", "jazz", "pop"};
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < 4; i++) wav(labels[l] + "/" + (i < 2 ? "" : "live/") + labels[l] + "." + i + ".wav", 1 + 0.5 * i, 200 + 100 * l + 10 * i);
        }
        Files.writeString(dir.resolve("jazz/broken.wav"), "not audio");
        Files.writeString(dir.resolve("pop/readme.txt"), "ignored: not an audio extension");
        wav(".hidden/x.wav", 2, 100);
        wav("rock/.trash/y.wav", 2, 100);
        FeatureCache cache = new FeatureCache(dir.resolve(".cache"));
        int[] steps = {0};
        dev.recur.progress.Progress count = new dev.recur.progress.Progress() {
            @Override public void step() { steps[0]++; }
        };
        AudioDataset d = AudioDataset.load(dir, FS, AudioDataset.byFile(), count, cache);
        assertEquals(List.of("jazz", "pop", "rock"), d.labels());
        assertEquals(13, steps[0]);
        assertEquals(12, d.tracks().size());
        assertEquals(1, d.skipped().size());
        assertTrue(d.skipped().getFirst().reason().startsWith(dir.resolve("jazz/broken.wav") + ": "), d.skipped().getFirst().reason());
        assertEquals(List.of("jazz/jazz.0.wav", "jazz/jazz.1.wav", "jazz/live/jazz.2.wav", "jazz/live/jazz.3.wav"),
                d.tracks().subList(0, 4).stream().map(Track::id).toList());
        assertEquals("jazz", d.tracks().get(3).label());
        assertEquals(43, d.tracks().getFirst().frames().length);

        AudioDataset again = AudioDataset.load(dir, FS, AudioDataset.byFile(), dev.recur.progress.Progress.NONE, cache);
        for (int i = 0; i < 12; i++) assertArrayEquals(d.tracks().get(i).frames(), again.tracks().get(i).frames());

        // the split by track, written to split.csv and read back (as evaluate does)
        TrackSplit split = TrackSplit.of(d.tracks(), 0.25, 0.25, 7);
        Path csv = dir.resolve("out/split.csv");
        Files.createDirectories(csv.getParent());
        split.writeCsv(csv);
        assertEquals("track,group,side", Files.readAllLines(csv).getFirst());
        assertEquals(split.sides(), TrackSplit.readSides(csv));
        Files.writeString(csv, "track,group,side\njazz/jazz.0.wav,jazz.0.wav,holiday\n");
        IOException bad = assertThrows(IOException.class, () -> TrackSplit.readSides(csv));
        assertEquals(csv + ": line 2: side 'holiday' is not train, validation or test", bad.getMessage());
    }

    @Test void settingsAndStatsRoundTripThroughJson() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        FeatureSettings fs = new FeatureSettings(16000, 1024, 256, 20, 30, 50, 7000, true);
        assertEquals(fs, json.readValue(json.writeValueAsString(fs), FeatureSettings.class));
        SegmentSettings ss = new SegmentSettings(3, 0.5, true);
        assertEquals(ss, json.readValue(json.writeValueAsString(ss), SegmentSettings.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> bad = new java.util.LinkedHashMap<>(json.convertValue(fs, Map.class));
        bad.put("kind", "mel");   // model.json's features object is read this way (GenreClassifier.load)
        assertThrows(IllegalArgumentException.class, () -> json.convertValue(bad, FeatureSettings.class));
    }

    /** Spark ships the settings to its executors by Java serialization (spark.MfccSettings); they come back equal. */
    @Test void settingsSurviveJavaSerialization() throws Exception {
        FeatureSettings fs = FeatureSettings.logMel(96).withDeltas(true);
        SegmentSettings ss = new SegmentSettings(3, 0.5, true);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) { out.writeObject(fs); out.writeObject(ss); }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(fs, in.readObject());
            assertEquals(ss, in.readObject());
        }
    }

    @Test void splitIgnoresListingOrder() {
        List<Track> tracks = new ArrayList<>();
        for (String id : List.of("x/1", "x/2", "x/3", "x/4", "x/5", "y/1", "y/2", "y/3")) {
            tracks.add(new Track(Path.of(id), id, id.substring(0, 1), id, new float[1][1]));
        }
        List<Track> reversed = new ArrayList<>(tracks);
        java.util.Collections.reverse(reversed);
        assertEquals(new java.util.TreeMap<>(TrackSplit.of(tracks, 0.2, 0.2, 1).sides()),
                new java.util.TreeMap<>(TrackSplit.of(reversed, 0.2, 0.2, 1).sides()));
    }

    @Test void badRootIsOneLine() {
        IOException e = assertThrows(IOException.class, () -> AudioDataset.load(dir.resolve("nope"), FS, AudioDataset.byFile()));
        assertEquals(dir.resolve("nope") + ": not a folder (expected DATASET/<label>/*.wav)", e.getMessage());
        IOException empty = assertThrows(IOException.class, () -> AudioDataset.load(dir, FS, AudioDataset.byFile()));
        assertTrue(empty.getMessage().contains("need at least 2 label folders"), empty.getMessage());
    }
}
