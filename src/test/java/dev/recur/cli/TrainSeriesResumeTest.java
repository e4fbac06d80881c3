package dev.recur.cli;

import dev.recur.io.Checkpointer;
import dev.recur.samples.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** train-series checkpoints: a run stopped and resumed ends with the bytes of the run never stopped. */
class TrainSeriesResumeTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A noisy sine with a driver column, as a comma CSV. */
    static Path csv(Path dir, int rows) throws IOException {
        double[] y = SyntheticSeries.noisySine(rows, 12, 10, 3, 0.4, 5);
        StringBuilder sb = new StringBuilder("t,y\n");
        for (int t = 0; t < rows; t++) sb.append(t).append(',').append(String.format(Locale.ROOT, "%.5f", y[t])).append('\n');
        Path f = dir.resolve("series.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** Options of a small run; dropout-free LSTM, batches shuffled per epoch. */
    static List<String> args(Path csv, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("train-series", csv.toString(), "--target", "y", "--time", "t", "--window", "8",
                "--horizon", "1", "--cell", "lstm", "--units", "6", "--epochs", String.valueOf(epochs), "--lr", "0.01",
                "--batch", "8", "--seed", "5", "--patience", "50"));
        a.addAll(Arrays.asList(more));
        return a;
    }

    @Test void resumedRunEqualsUninterruptedRunByteForByte(@TempDir Path dir) throws IOException {
        Path csv = csv(dir, 160);
        Path whole = dir.resolve("whole"), parts = dir.resolve("parts");
        Run a = run(args(csv, 6, "--out", whole.toString(), "--checkpoint-every", "2").toArray(String[]::new));
        assertEquals(0, a.code(), a.err());

        Run b1 = run(args(csv, 3, "--out", parts.toString()).toArray(String[]::new));
        assertEquals(0, b1.code(), b1.err());
        assertFalse(Arrays.equals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors"))),
                "after 3 of 6 epochs the weights should still differ");
        Run b2 = run(args(csv, 6, "--resume", parts.toString()).toArray(String[]::new));
        assertEquals(0, b2.code(), b2.err());
        assertTrue(b2.err().contains("after epoch 3"), b2.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));

        // the newest checkpoints of the uninterrupted run: epochs 4 and 6 (every 2, keeping 2)
        assertEquals(List.of("epoch-00000004", "epoch-00000006"), new Checkpointer(whole).list().stream()
                .map(p -> p.getFileName().toString().substring(0, 14)).toList());
    }

    @Test void resumeRefusesOtherSettingsAndMissingCheckpoints(@TempDir Path dir) throws IOException {
        Path csv = csv(dir, 120);
        Path m = dir.resolve("m");
        assertEquals(0, run(args(csv, 1, "--out", m.toString()).toArray(String[]::new)).code());
        Run other = run(args(csv, 2, "--resume", m.toString(), "--clip", "0.5").toArray(String[]::new));
        assertEquals(ExitCodes.FAILURE, other.code());
        assertTrue(other.err().contains("cannot resume: clip was 1.0 and is now 0.5"), other.err());
        assertEquals(1, other.err().strip().lines().count(), "[" + other.err() + "]");

        Run none = run(args(csv, 2, "--resume", dir.resolve("nowhere").toString()).toArray(String[]::new));
        assertEquals(ExitCodes.FAILURE, none.code());
        assertTrue(none.err().contains("nowhere") && none.err().contains("no checkpoint"), none.err());

        Run noOut = run(args(csv, 2).toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, noOut.code());
    }

    /**
     * {@code --resume DIR} alone continues with the options the checkpoint recorded (data file, columns, seed,
     * epochs...) and ends with the bytes of the run never stopped; a typed option that differs is one line.
     */
    @Test void resumeAloneTakesTheRecordedOptions(@TempDir Path dir) throws IOException {
        Path csv = csv(dir, 120);
        Path whole = dir.resolve("whole"), parts = dir.resolve("parts");
        assertEquals(0, run(args(csv, 3, "--out", whole.toString()).toArray(String[]::new)).code());
        assertEquals(0, run(args(csv, 3, "--out", parts.toString()).toArray(String[]::new)).code());
        // lose the last epoch's checkpoint, as a run killed during epoch 3 would have
        Path newest = new Checkpointer(parts).list().getLast();
        try (var files = Files.walk(newest)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        Run alone = run("train-series", "--resume", parts.toString());
        assertEquals(0, alone.code(), alone.err());
        assertTrue(alone.err().contains("after epoch 2"), alone.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));

        Run seed = run("train-series", "--resume", parts.toString(), "--seed", "1");
        assertEquals(ExitCodes.FAILURE, seed.code());
        assertEquals("recur train-series: " + new Checkpointer(parts).list().getLast() + ": cannot resume: seed was 5 and is now 1",
                seed.err().replaceAll("(?m)^WARNING:.*\\R", "").strip());
    }

    /** A damaged progress record is refused with one line naming the file and what is wrong in it. */
    @Test void damagedProgressRecordIsNamed(@TempDir Path dir) throws IOException {
        Path csv = csv(dir, 120);
        Path m = dir.resolve("m");
        assertEquals(0, run(args(csv, 2, "--out", m.toString()).toArray(String[]::new)).code());
        for (Path c : new Checkpointer(m).list()) {
            Path progress = c.resolve(Checkpointer.PROGRESS_FILE);
            Files.writeString(progress, Files.readString(progress).replace("\"best_epoch\"", "\"best_epoc\""));
        }
        Run r = run("train-series", "--resume", m.toString(), "--epochs", "3");
        assertEquals(ExitCodes.FAILURE, r.code());
        String err = r.err().replaceAll("(?m)^WARNING:.*\\R", "").strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(new Checkpointer(m).list().getLast().resolve(Checkpointer.PROGRESS_FILE).toString()), err);
        assertTrue(err.contains("\"best_epoch\" is missing"), err);
    }
}
