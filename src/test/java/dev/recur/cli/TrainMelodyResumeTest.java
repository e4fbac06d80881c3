package dev.recur.cli;

import dev.recur.io.Checkpointer;
import dev.recur.samples.MelodyCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** train-melody checkpoints (plain and --answer): a run stopped after 2 epochs and resumed for 2 more ends with the bytes of a 4-epoch run. */
class TrainMelodyResumeTest {

    /** A tiny two-layer LSTM with dropout on five tunes; random window phases, batch order and dropout every epoch. */
    static String[] args(Path corpus, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("train-melody", corpus.toString(), "--units", "12", "--layers", "2",
                "--embedding", "6", "--dropout", "0.2", "--epochs", String.valueOf(epochs), "--batch", "4", "--window", "48",
                "--bptt", "16", "--patience", "20", "--seed", "5", "--quiet"));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test void resumedRunEqualsUninterruptedRunByteForByte(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus"), whole = dir.resolve("whole"), parts = dir.resolve("parts");
        Files.createDirectories(corpus);
        MelodyCorpus.writeMidi(MelodyCorpus.read(Path.of("samples/midi/melodies.txt")).subList(0, 5), corpus);

        RunCommandTest.Outcome a = RunCommandTest.cli(args(corpus, 4, "--out", whole.toString()));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        RunCommandTest.Outcome b1 = RunCommandTest.cli(args(corpus, 2, "--out", parts.toString(), "--checkpoint-every", "0"));
        assertEquals(ExitCodes.OK, b1.code(), b1.err());
        assertEquals(List.of("epoch-00000002"), names(parts), "--checkpoint-every 0: only the end");
        assertFalse(Arrays.equals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors"))),
                "after 2 of 4 epochs the weights should still differ");

        RunCommandTest.Outcome b2 = RunCommandTest.cli(args(corpus, 4, "--resume", parts.toString()));
        assertEquals(ExitCodes.OK, b2.code(), b2.err());
        assertTrue(b2.err().contains("after epoch 2"), b2.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(parts.resolve("model.safetensors")));
        assertEquals(Files.readString(whole.resolve("model.json")), Files.readString(parts.resolve("model.json")));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));
        assertEquals(5, Files.readAllLines(parts.resolve("metrics.csv")).size());
        assertEquals(List.of("epoch-00000003", "epoch-00000004"), names(whole), "every epoch, the newest two kept");

        RunCommandTest.Outcome other = RunCommandTest.cli(args(corpus, 5, "--resume", parts.toString(), "--clip", "0.5"));
        assertEquals(ExitCodes.FAILURE, other.code());
        assertTrue(other.err().contains("cannot resume: clip was 1.0 and is now 0.5"), other.err());
        assertEquals(1L, other.err().strip().lines().count(), "[" + other.err() + "]");
    }

    /** --answer: the checkpoint's model is the decoder, the encoder's weights ride in its state; same guarantee. */
    @Test void answerModeResumesToTheBytesOfAnUninterruptedRun(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus"), whole = dir.resolve("whole"), parts = dir.resolve("parts"), plain = dir.resolve("plain");
        Files.createDirectories(corpus);
        MelodyCorpus.writeMidi(MelodyCorpus.read(Path.of("samples/midi/melodies.txt")).subList(0, 5), corpus);
        String[] answer = {"--answer", "--phrase-bars", "1"};

        RunCommandTest.Outcome a = RunCommandTest.cli(args(corpus, 4, concat(answer, "--out", whole.toString())));
        assertEquals(ExitCodes.OK, a.code(), a.err());
        RunCommandTest.Outcome b1 = RunCommandTest.cli(args(corpus, 2, concat(answer, "--out", parts.toString())));
        assertEquals(ExitCodes.OK, b1.code(), b1.err());
        assertEquals(List.of("epoch-00000001", "epoch-00000002"), names(parts));
        for (String f : List.of("model.safetensors", "encoder/model.safetensors")) {
            assertFalse(Arrays.equals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(parts.resolve(f))),
                    f + " after 2 of 4 epochs should still differ");
        }

        RunCommandTest.Outcome b2 = RunCommandTest.cli(args(corpus, 4, concat(answer, "--resume", parts.toString())));
        assertEquals(ExitCodes.OK, b2.code(), b2.err());
        assertTrue(b2.err().contains("after epoch 2"), b2.err());
        for (String f : List.of("model.safetensors", "encoder/model.safetensors")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(parts.resolve(f)), f);
        }
        for (String f : List.of("model.json", "encoder/model.json", "metrics.csv")) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(parts.resolve(f)), f);
        }
        assertEquals(5, Files.readAllLines(parts.resolve("metrics.csv")).size());

        // A checkpoint of one mode does not continue the other: --answer typed against a plain run's checkpoint is refused ...
        RunCommandTest.Outcome p = RunCommandTest.cli(args(corpus, 1, "--out", plain.toString()));
        assertEquals(ExitCodes.OK, p.code(), p.err());
        RunCommandTest.Outcome asAnswer = RunCommandTest.cli(args(corpus, 2, concat(answer, "--resume", plain.toString())));
        assertEquals(ExitCodes.FAILURE, asAnswer.code());
        assertTrue(asAnswer.err().contains("cannot resume: answer was false and is now true"), asAnswer.err());
        // ... and --resume alone continues in the mode (and with the options) the checkpoint recorded
        RunCommandTest.Outcome alone = RunCommandTest.cli("train-melody", "--resume", parts.toString(), "--epochs", "5", "--quiet");
        assertEquals(ExitCodes.OK, alone.code(), alone.err());
        assertTrue(alone.out().contains("responses (given the call)"), alone.out());
        assertEquals(6, Files.readAllLines(parts.resolve("metrics.csv")).size());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(Arrays.asList(a));
        all.addAll(Arrays.asList(b));
        return all.toArray(String[]::new);
    }

    private static List<String> names(Path model) throws IOException {
        return new Checkpointer(model).list().stream().map(p -> p.getFileName().toString().substring(0, 14)).toList();
    }
}
