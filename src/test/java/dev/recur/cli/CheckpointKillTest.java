package dev.recur.cli;

import dev.recur.io.Checkpointer;
import dev.recur.io.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills the real CLI ({@code recur train-series} in a child JVM) with {@code destroyForcibly} again and again,
 * mostly while it is writing a checkpoint, resumes it each time, and checks after every kill that the
 * model directory holds complete, loadable checkpoints. At the end a resumed run completes and its model
 * equals, byte for byte, that of a run never interrupted.
 */
class CheckpointKillTest {
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(25);

    @Test void killedTrainingAlwaysLeavesALoadableCheckpointAndResumesToTheSameModel(@TempDir Path dir) throws Exception {
        Path csv = TrainSeriesResumeTest.csv(dir, 150);
        Path model = dir.resolve("model");
        Path log = dir.resolve("child.log");
        Random random = new Random(20261123);
        int runs = 0, midWrite = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < BUDGET_NANOS || runs < 3) {
            List<String> cmd = childCommand(csv, runs == 0 ? List.of("--out", model.toString()) : List.of("--resume", model.toString()));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
            try {
                Path root = model.resolve(Checkpointer.DIR);
                // wait until this run has written at least one checkpoint of its own ...
                String before = newest(model);
                while (p.isAlive() && java.util.Objects.equals(before, newest(model))) Thread.sleep(2);
                assertTrue(p.isAlive(), () -> "training ended early: " + readLog(log));
                // ... then kill it: half the time as soon as the next checkpoint write has started, else at a random moment
                if (random.nextBoolean()) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!writing(root) && System.nanoTime() < deadline) Thread.onSpinWait();
                    long spin = System.nanoTime() + random.nextInt(20_000_000);
                    while (System.nanoTime() < spin) Thread.onSpinWait();
                } else {
                    Thread.sleep(random.nextInt(400));
                }
                boolean wasWriting = writing(root);
                p.destroyForcibly();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                if (wasWriting || writing(root)) midWrite++;
            } finally {
                p.destroyForcibly();
            }
            runs++;
            // every visible checkpoint is complete: the model and the training state load
            List<Path> all = new Checkpointer(model).list();
            assertFalse(all.isEmpty(), "no checkpoint after run " + runs);
            for (Path c : all) {
                Checkpointer.Loaded loaded = Checkpointer.load(c);
                assertNotNull(ModelStore.load(c).model());
                assertTrue(loaded.state().epoch() >= 1);
            }
        }
        long reached = new Checkpointer(model).latest().orElseThrow().state().epoch();
        int epochs = Math.toIntExact(reached + 2);
        System.out.printf("kill test: %d runs killed (%d while a checkpoint write was under way), resumed at epoch %d%n", runs, midWrite, reached);
        assertTrue(midWrite > 0, "no kill landed during a checkpoint write");

        // the last resume completes, and matches a run that was never interrupted
        TrainSeriesResumeTest.Run last = TrainSeriesResumeTest.run(args(csv, epochs, List.of("--resume", model.toString())).toArray(String[]::new));
        assertEquals(0, last.code(), last.err());
        Path whole = dir.resolve("whole");
        TrainSeriesResumeTest.Run ref = TrainSeriesResumeTest.run(args(csv, epochs, List.of("--out", whole.toString(), "--checkpoint-every", "0")).toArray(String[]::new));
        assertEquals(0, ref.code(), ref.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve(ModelStore.WEIGHTS_FILE)), Files.readAllBytes(model.resolve(ModelStore.WEIGHTS_FILE)));
    }

    private static List<String> args(Path csv, int epochs, List<String> more) {
        List<String> a = new ArrayList<>(List.of("train-series", csv.toString(), "--target", "y", "--time", "t", "--window", "8",
                "--horizon", "1", "--cell", "gru", "--units", "16", "--epochs", String.valueOf(epochs), "--lr", "0.003",
                "--batch", "16", "--seed", "11", "--patience", "100000"));
        a.addAll(more);
        return a;
    }

    private static List<String> childCommand(Path csv, List<String> more) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(csv, 1_000_000, more));
        cmd.addAll(List.of("--checkpoint-every", "1"));
        return cmd;
    }

    /** Name of the newest complete checkpoint, or null. */
    private static String newest(Path model) throws IOException {
        List<Path> all = new Checkpointer(model).list();
        return all.isEmpty() ? null : all.getLast().getFileName().toString();
    }

    /** Whether a checkpoint write (a hidden temp directory) is under way. */
    private static boolean writing(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(".tmp-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
