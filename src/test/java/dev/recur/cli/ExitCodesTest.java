package dev.recur.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Failure paths of the CLI: a non-zero code from {@link ExitCodes} and one line on stderr naming the file and the problem. */
class ExitCodesTest {
    @TempDir Path dir;

    private static void oneLineFailure(int code, TrainSeriesResumeTest.Run r, String... mustContain) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().replaceAll("(?m)^WARNING:.*\\R", "").strip();
        assertEquals(1, err.lines().count(), "one line expected:\n" + err);
        for (String s : mustContain) assertTrue(err.contains(s), "'" + s + "' missing in: " + err);
    }

    private static TrainSeriesResumeTest.Run run(String... args) { return TrainSeriesResumeTest.run(args); }

    @Test void badModelDirectories() throws IOException {
        Path missing = dir.resolve("missing");
        oneLineFailure(ExitCodes.FAILURE, run("info", "--model", missing.toString()), missing.toString(), "not found");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("model.json"), "{\"format\": \"recur-model\", ");
        Path x = Files.writeString(dir.resolve("x.csv"), "1,2\n");
        oneLineFailure(ExitCodes.FAILURE, run("run", "--model", broken.toString(), "--input", x.toString(), "--output", dir.resolve("y.csv").toString()),
                broken.resolve("model.json").toString(), "not valid JSON");
        oneLineFailure(ExitCodes.FAILURE, run("forecast", "--model", broken.toString(), x.toString(), "--steps", "2", "--out", dir.resolve("f.csv").toString()),
                broken.resolve("model.json").toString());
    }

    @Test void badDataFiles() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "t,y\n1,2\n2,oops\n");
        oneLineFailure(ExitCodes.FAILURE, run("train-series", csv.toString(), "--target", "y", "--window", "2", "--horizon", "1",
                "--out", dir.resolve("m").toString()), csv.toString());
        Path none = dir.resolve("none.csv");
        oneLineFailure(ExitCodes.FAILURE, run("train-series", none.toString(), "--target", "y", "--window", "2", "--horizon", "1",
                "--out", dir.resolve("m").toString()), none.toString());
        Path melodies = Files.writeString(dir.resolve("mel.txt"), "C4 D4 H9\n");
        oneLineFailure(ExitCodes.FAILURE, run("midi-corpus", melodies.toString(), "--out", dir.resolve("mid").toString()), melodies.toString(), "H9");
    }

    @Test void batchWithBadFilesIsPartial() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("audio"));
        dev.recur.reliability.LongAudioMemoryTest.writeWav(folder.resolve("good.wav"), 22050, 10);
        Files.write(folder.resolve("bad.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        TrainSeriesResumeTest.Run r = run("features", folder.toString(), "--out", dir.resolve("f.csv").toString(),
                "--cache", dir.resolve("cache").toString());
        assertEquals(ExitCodes.PARTIAL, r.code(), r.err());
        assertTrue(r.err().contains(folder.resolve("bad.wav").toString()), r.err());
        assertTrue(Files.readAllLines(dir.resolve("f.csv")).size() > 100, "the good file's frames are written");
    }

    @Test void usageErrorsAreOneLineWithCode2() {
        oneLineFailure(ExitCodes.USAGE, run("train-series"), "train-series");
        oneLineFailure(ExitCodes.USAGE, run("no-such-command"), "no-such-command");
        oneLineFailure(ExitCodes.USAGE, run("run", "--model"), "--model");
    }
}
