package dev.recur.cli;

import dev.recur.audio.TestAudio;
import dev.recur.progress.Progress;
import dev.recur.train.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Progress when stderr is not a terminal (a log, a pipe, this test): plain lines only, no ANSI codes or
 * carriage returns, at most one line per epoch or per tenth of a task; nothing at all with --quiet.
 */
class ProgressOutputTest {
    @TempDir Path dir;

    private static void plain(String err) {
        assertFalse(err.contains("\r"), "carriage return in: " + err);
        assertFalse(err.contains("\u001b"), "ANSI escape in: " + err);
    }

    private static List<String> progressLines(String err, String prefix) {
        return err.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test void linesModeWritesAtMostOneLinePerTenth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Display d = new Display(Display.Mode.LINES, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Progress p = d.task();
        p.start("files", 1000);
        for (int i = 0; i < 1000; i++) p.step();
        p.finish();
        p.start("few", 3);
        for (int i = 0; i < 3; i++) p.step();
        p.finish();
        String err = bytes.toString(StandardCharsets.UTF_8);
        plain(err);
        assertEquals(10, progressLines(err, "files: ").size(), err);
        assertEquals("files: 1000/1000 (100%)", progressLines(err, "files: ").getLast());
        assertEquals(List.of("few: 1/3 (30%)", "few: 2/3 (60%)", "few: 3/3 (100%)"), progressLines(err, "few: "));
    }

    @Test void quietModeWritesNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Display d = new Display(Display.Mode.QUIET, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        d.task().start("x", 5);
        d.task().step();
        Fit.Listener l = d.training();
        l.started(1, 3);
        l.epochStarted(1, 10);
        l.batchDone(1, 1, 0.5);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test void trainingWritesOnePlainLinePerEpoch() throws IOException {
        Path csv = TrainSeriesResumeTest.csv(dir, 120);
        List<String> args = TrainSeriesResumeTest.args(csv, 4, "--out", dir.resolve("m").toString());
        TrainSeriesResumeTest.Run r = TrainSeriesResumeTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        plain(r.err());
        List<String> epochs = progressLines(r.err(), "epoch ");
        assertEquals(4, epochs.size(), r.err());
        assertTrue(epochs.getFirst().matches("epoch 1/4  loss [0-9.]+ val [0-9.]+ \\*"), epochs.getFirst());

        args.add("--quiet");
        args.set(args.indexOf(dir.resolve("m").toString()), dir.resolve("q").toString());
        TrainSeriesResumeTest.Run q = TrainSeriesResumeTest.run(args.toArray(String[]::new));
        assertEquals(0, q.code(), q.err());
        assertEquals(List.of(), progressLines(q.err(), "epoch "));
    }

    @Test void featuresOfManyFilesWriteAtMostTenProgressLines() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music"));
        for (int i = 0; i < 25; i++) {
            TestAudio.writeWav(music.resolve(String.format("t%02d.wav", i)), 22050, TestAudio.Sample.S16, TestAudio.tone(220 + 10 * i, 0.3, 22050, 0.3));
        }
        String[] args = {"features", music.toString(), "--segment", "0.2", "--no-cache", "--threads", "2", "--out", dir.resolve("f.csv").toString()};
        TrainSeriesResumeTest.Run r = TrainSeriesResumeTest.run(args);
        assertEquals(0, r.code(), r.err());
        plain(r.err());
        List<String> lines = progressLines(r.err(), "features: ");
        assertTrue(lines.size() >= 1 && lines.size() <= 10, r.err());
        assertEquals("features: 25/25 (100%)", lines.getLast());

        String[] quiet = java.util.Arrays.copyOf(args, args.length + 1);
        quiet[args.length] = "--quiet";
        quiet[quiet.length - 2] = dir.resolve("g.csv").toString();
        TrainSeriesResumeTest.Run q = TrainSeriesResumeTest.run(quiet);
        assertEquals(0, q.code(), q.err());
        assertEquals(List.of(), progressLines(q.err(), "features: "));
    }
}
