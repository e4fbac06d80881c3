package dev.recur.cli;

import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import dev.recur.io.Checkpointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.recur.cli.TrainSeriesResumeTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** train-classifier checkpoints: a run stopped and resumed ends with the bytes of the run never stopped. */
class TrainClassifierResumeTest {

    /** A small run with dropout, masking, mixup and several crops per track, so every kind of random draw is exercised. */
    static String[] args(Path data, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("train-classifier", data.toString(), "--segment-seconds", "0.3",
                "--units", "6", "--layers", "1", "--dropout", "0.2", "--masking", "--mixup", "0.4", "--crops", "2", "--epochs", String.valueOf(epochs),
                "--batch", "8", "--patience", "0", "--seed", "3", "--no-progress", "--no-cache"));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test void resumedRunEqualsUninterruptedRunByteForByte(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data"), whole = dir.resolve("whole"), parts = dir.resolve("parts");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 7));

        // stopping is simulated by a shorter first run, so --epochs grows on resume: with the cosine schedule that
        // stretches the remaining epochs' rates (the cosine test below stops a run of the same length instead)
        TrainSeriesResumeTest.Run a = run(args(data, 4, "--ensemble", "1", "--lr-schedule", "constant", "--out", whole.toString()));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        TrainSeriesResumeTest.Run b1 = run(args(data, 2, "--ensemble", "1", "--lr-schedule", "constant", "--out", parts.toString(), "--checkpoint-every", "0"));
        assertEquals(ExitCodes.OK, b1.code(), b1.err());
        assertFalse(Arrays.equals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors"))),
                "after 2 of 4 epochs the weights should still differ");
        assertEquals(List.of("epoch-00000002"), names(parts), "--checkpoint-every 0: only the end");

        TrainSeriesResumeTest.Run b2 = run(args(data, 4, "--resume", parts.toString()));
        assertEquals(ExitCodes.OK, b2.code(), b2.err());
        assertTrue(b2.err().contains("after epoch 2"), b2.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));
        assertEquals(5, Files.readAllLines(parts.resolve("metrics.csv")).size());
        assertEquals(List.of("epoch-00000003", "epoch-00000004"), names(whole), "every epoch, the newest two kept");

        TrainSeriesResumeTest.Run other = run(args(data, 5, "--resume", parts.toString(), "--lr", "0.5"));
        assertEquals(ExitCodes.FAILURE, other.code());
        assertTrue(other.err().contains("cannot resume: lr was"), other.err());
    }

    /** The cosine schedule (the default): a run that stopped after epoch 3 of 4 resumes at epoch 4's rate, not the checkpoint's. */
    @Test void resumedCosineRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
        resumeAfterEpoch3Of4(dir, "--lr-schedule", "cosine");
    }

    /** Weight averaging: a run stopped inside the averaged epochs (2-4) carries the running mean through its checkpoint. */
    @Test void resumedAveragedRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
        resumeAfterEpoch3Of4(dir, "--lr-schedule", "constant", "--average-epochs", "3");
    }

    /** A run of 4 epochs with {@code options}, and the same run resumed from its checkpoint of epoch 3: the same bytes. */
    private static void resumeAfterEpoch3Of4(Path dir, String... options) throws IOException {
        Path data = dir.resolve("data"), whole = dir.resolve("whole"), parts = dir.resolve("parts");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 7));
        List<String> first = new ArrayList<>(List.of("--ensemble", "1", "--out", whole.toString()));
        first.addAll(List.of(options));
        TrainSeriesResumeTest.Run a = run(args(data, 4, first.toArray(String[]::new)));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        // the state of a crash after epoch 3: its checkpoint is the newest, nothing else of the run is written yet
        Files.createDirectories(parts.resolve(Checkpointer.DIR));
        Path third;
        try (var s = Files.list(whole.resolve(Checkpointer.DIR))) {
            third = s.filter(p -> p.getFileName().toString().startsWith("epoch-00000003")).findFirst().orElseThrow();
        }
        copyTree(third, parts.resolve(Checkpointer.DIR).resolve(third.getFileName()));
        TrainSeriesResumeTest.Run b = run(args(data, 4, "--resume", parts.toString()));
        assertEquals(ExitCodes.OK, b.code(), b.err());
        assertTrue(b.err().contains("after epoch 3"), b.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** An ensemble resumes each network from its own checkpoints (MODEL_DIR/member-2/checkpoints for the second). */
    @Test void resumedEnsembleEqualsUninterruptedEnsemble(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data"), whole = dir.resolve("whole"), parts = dir.resolve("parts");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 8));
        String[] more = {"--ensemble", "2", "--conv-channels", "8"};
        TrainSeriesResumeTest.Run a = run(args(data, 3, concat(more, "--out", whole.toString())));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        TrainSeriesResumeTest.Run b1 = run(args(data, 1, concat(more, "--out", parts.toString())));
        assertEquals(ExitCodes.OK, b1.code(), b1.err());
        assertTrue(Files.isDirectory(parts.resolve("member-2/checkpoints")));
        TrainSeriesResumeTest.Run b2 = run(args(data, 3, "--resume", parts.toString()));
        assertEquals(ExitCodes.OK, b2.code(), b2.err());
        assertTrue(b2.err().contains("member-2"), b2.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
    }

    /**
     * With pretraining: a resumed supervised phase does not pretrain again (its checkpoint holds the encoder) and
     * ends with the uninterrupted run's bytes; a changed --pretrain-epochs is refused.
     */
    @Test void pretrainedRunResumesWithoutPretrainingAgain(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data"), whole = dir.resolve("whole"), parts = dir.resolve("parts");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 9));
        // a shorter first run stands for the interruption, so a constant rate (see the first test)
        String[] more = {"--ensemble", "1", "--conv-channels", "4", "--pretrain-epochs", "2", "--lr-schedule", "constant"};
        TrainSeriesResumeTest.Run a = run(args(data, 3, concat(more, "--out", whole.toString())));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        assertTrue(a.out().contains("pretrained 2 epochs"), a.out());
        TrainSeriesResumeTest.Run b1 = run(args(data, 2, concat(more, "--out", parts.toString(), "--checkpoint-every", "0")));
        assertEquals(ExitCodes.OK, b1.code(), b1.err());
        TrainSeriesResumeTest.Run b2 = run(args(data, 3, "--resume", parts.toString()));
        assertEquals(ExitCodes.OK, b2.code(), b2.err());
        assertFalse(b2.out().contains("pretrained"), b2.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));

        TrainSeriesResumeTest.Run other = run(args(data, 4, "--resume", parts.toString(), "--pretrain-epochs", "3"));
        assertEquals(ExitCodes.FAILURE, other.code());
        assertTrue(other.err().contains("cannot resume: pretrain-epochs was 2 and is now 3"), other.err());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(Arrays.asList(a));
        l.addAll(Arrays.asList(b));
        return l.toArray(String[]::new);
    }

    private static List<String> names(Path model) throws IOException {
        return new Checkpointer(model).list().stream().map(p -> p.getFileName().toString().substring(0, 14)).toList();
    }
}
