package dev.recur.cli;

import dev.recur.audio.TestAudio;
import dev.recur.audio.TestAudio.Sample;
import dev.recur.data.FeatureCsv;
import dev.recur.data.TrackFeatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FeaturesCommandTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @BeforeEach void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }
    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test void batchWritesRowsSkipsBadFilesAndSaysSo() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music/sub"));
        TestAudio.writeWav(dir.resolve("music/a.wav"), 22050, Sample.S16, TestAudio.music(2.5, 22050));
        TestAudio.writeWav(dir.resolve("music/sub/b.wav"), 44100, Sample.S24, TestAudio.music(1.2, 44100), TestAudio.music(1.2, 44100));
        TestAudio.writeWav(dir.resolve("music/short.wav"), 22050, Sample.S16, TestAudio.tone(440, 0.4, 22050, 0.3));
        Files.writeString(dir.resolve("music/sub/fake.wav"), "RIFF but not really");
        Files.write(dir.resolve("music/zero.wav"), new byte[0]);
        Path csv = dir.resolve("features.csv");

        int code = Main.run("features", music.getParent().toString(), dir.resolve("missing.wav").toString(),
                "--segment", "1", "--out", csv.toString(), "--threads", "2", "--cache", dir.resolve("cache").toString());

        assertEquals(ExitCodes.PARTIAL, code, err());
        List<TrackFeatures> rows = FeatureCsv.read(csv);
        assertEquals(2, rows.size());
        assertEquals(dir.resolve("music/a.wav").toString(), rows.get(0).file());
        assertEquals(2, rows.get(0).segments().length);
        assertEquals(1, rows.get(1).segments().length);
        assertEquals(43, rows.get(1).segments()[0].length);
        assertEquals(13, rows.get(1).segments()[0][0].length);
        String e = err();
        assertTrue(e.contains(dir.resolve("music/short.wav") + " is shorter than one 1 s segment (0.40 s) and was skipped; "
                + "--pad keeps it, zero-padded to 1 s, or give a shorter segment (--segment 0.4)"), e);
        assertTrue(e.contains(dir.resolve("music/sub/fake.wav") + ": "), e);
        assertTrue(e.contains(dir.resolve("music/zero.wav") + ": empty file"), e);
        assertTrue(e.contains(dir.resolve("missing.wav") + ": no such file"), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        String o = out();
        assertTrue(o.contains("features: 2 files (0 from cache), 3 segments, 129 frames"), o);
        assertTrue(o.contains("skipped 4: "), o);

        // Second run: same rows, from the cache.
        out.reset();
        assertEquals(ExitCodes.PARTIAL, Main.run("features", music.getParent().toString(), "--segment", "1",
                "--out", csv.toString(), "--cache", dir.resolve("cache").toString()));
        assertTrue(out().contains("(2 from cache)"), out());
        assertArrayEquals(rows.get(0).segments()[1][7], FeatureCsv.read(csv).get(0).segments()[1][7]);
    }

    /** The README's natural first try on the bundled 2.5 s clips: one line naming --pad, not one line per clip. */
    @Test void aFolderOfClipsShorterThanASegmentGetsOneLineWithTheFix() throws IOException {
        Path genres = Path.of("samples/genres");
        int clips;
        try (var s = Files.walk(genres)) {
            clips = (int) s.filter(f -> f.toString().endsWith(".wav")).count();
        }
        Path csv = dir.resolve("f.csv"), cache = dir.resolve("cache");
        assertEquals(ExitCodes.FAILURE, Main.run("features", genres.toString(), "--out", csv.toString(), "--cache", cache.toString(), "--quiet"));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith(clips + " files are shorter than one 9 s segment (2.50 s) and were skipped: samples/genres/"), lines.get(0));
        assertTrue(lines.get(0).endsWith(" and " + (clips - 3) + " more; --pad keeps them, zero-padded to 9 s, or give a shorter segment (--segment 2.5)"),
                lines.get(0));
        assertFalse(Files.exists(csv));

        err.reset();
        assertEquals(ExitCodes.OK, Main.run("features", genres.toString(), "--out", csv.toString(), "--cache", cache.toString(), "--quiet", "--pad"), err());
        assertEquals(1 + clips * 387L, Files.readAllLines(csv).size(), "one zero-padded 9 s segment of 387 frames per clip");
        err.reset();
        assertEquals(ExitCodes.OK, Main.run("features", genres.toString(), "--out", csv.toString(), "--cache", cache.toString(), "--quiet", "--segment", "2.5"), err());
    }

    @Test void plotDrawsAHeatMap() throws IOException {
        Path wav = dir.resolve("song.wav");
        TestAudio.writeWav(wav, 22050, Sample.S16, TestAudio.music(3, 22050));
        Path png = dir.resolve("plots/song.png");
        assertEquals(ExitCodes.OK, Main.run("features", "--plot", png.toString(), wav.toString(), "--no-cache"), err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1100, img.getWidth());
        assertEquals(440, img.getHeight());
        assertTrue(out().contains("129 frames x 13 coefficients"), out()); // the whole 3 s: 66150 / 512
    }

    @Test void usageAndTotalFailure() throws IOException {
        Path wav = dir.resolve("x.wav");
        TestAudio.writeWav(wav, 22050, Sample.S16, TestAudio.tone(440, 1, 22050, 0.3));
        assertEquals(ExitCodes.USAGE, Main.run("features", wav.toString()));
        assertEquals(ExitCodes.USAGE, Main.run("features", wav.toString(), "--out", "o.csv", "--overlap", "1.5"));
        Path bad = Files.writeString(dir.resolve("bad.wav"), "nope");
        Path csv = dir.resolve("none.csv");
        assertEquals(ExitCodes.FAILURE, Main.run("features", bad.toString(), "--out", csv.toString(), "--no-cache"));
        assertFalse(Files.exists(csv));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".none.csv")), "no temp file left");
        }
        assertTrue(out().contains("nothing written"), out());
    }
}
