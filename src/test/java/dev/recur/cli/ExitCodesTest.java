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

    /** Values a command checks itself are usage errors too: exit 2, one line naming the option, a pointer to --help. */
    @Test void badOptionValuesAreUsageErrors() throws IOException {
        String m = dir.resolve("m").toString(), csv = dir.resolve("s.csv").toString(), data = dir.toString();
        String[][] cases = {
                {"--temperature", "generate", "--model", m, "--temperature", "0"},
                {"--temperature", "generate", "--model", m, "--temperature", "NaN"},
                {"--top-p", "generate", "--model", m, "--top-p", "1.5"},
                {"--bars", "generate", "--model", m, "--bars", "100000000"},
                {"--bpm", "generate", "--model", m, "--bpm", "1"},
                {"--beam", "generate", "--model", m, "--beam", "2", "--count", "3"},
                {"--primer", "generate", "--model", m, "--primer", "C4", "--respond-to", "D4"},
                {"--lr", "train-series", csv, "--target", "y", "--window", "4", "--horizon", "1", "--out", m, "--lr", "0"},
                {"--units", "train-series", csv, "--target", "y", "--window", "4", "--horizon", "1", "--out", m, "--units", "-1"},
                {"--cell", "train-series", csv, "--target", "y", "--window", "4", "--horizon", "1", "--out", m, "--cell", "foo"},
                {"--train", "train-series", csv, "--target", "y", "--window", "4", "--horizon", "1", "--out", m, "--train", "0.9", "--val", "0.2"},
                {"--cell", "train-classifier", data, "--out", m, "--cell", "foo"},
                {"--units", "train-classifier", data, "--out", m, "--units", "-1"},
                {"--pyramid", "train-classifier", data, "--out", m, "--pyramid", "5"},
                {"--lr", "train-melody", data, "--out", m, "--lr", "0"},
                {"--dropout", "train-melody", data, "--out", m, "--dropout", "1"},
                {"--steps", "forecast", "--model", m, csv, "--steps", "0", "--out", csv},
                {"--steps", "forecast", "--model", m, csv, "--steps", "2147483647", "--out", csv},   // fuzz finding
                {"--segment", "features", data, "--out", csv, "--segment", "-1"},
                {"--threads", "features", data, "--out", csv, "--threads", "0"},
                {"--tracks", "synth", m, "--tracks", "0"},
                {"--order", "melody-baseline", data, "--order", "0"},
                {"--top", "classify", "--model", m, data, "--top", "0"},
                {"--group", "baseline", data, "--out", m, "--group", "no-group"},
        };
        for (String[] c : cases) {
            TrainSeriesResumeTest.Run r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            oneLineFailure(ExitCodes.USAGE, r, c[0], "recur " + c[1] + ":", "--help");
        }
    }

    @Test void aMistypedCommandOrOptionGetsTheClosestName() {
        oneLineFailure(ExitCodes.USAGE, run("trian-classifier", "x"), "recur: unknown command 'trian-classifier'; did you mean 'train-classifier'?");
        oneLineFailure(ExitCodes.USAGE, run("generat"), "unknown command 'generat'; did you mean 'generate'?");
        oneLineFailure(ExitCodes.USAGE, run("frobnicate"), "unknown command 'frobnicate' (see 'recur --help')");
        oneLineFailure(ExitCodes.USAGE, run("generate", "--model", "m", "--tempreature", "1"), "unknown option '--tempreature'; did you mean '--temperature'?");
    }
}
