package dev.recur.cli;

import dev.recur.io.Fixtures;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Dense;
import dev.recur.nn.Embedding;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
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

class RunCommandTest {
    @TempDir Path dir;

    /** Exit code, stdout and stderr of one CLI call. */
    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test void runsAPyTorchTrainedSequenceModel() throws IOException {
        // Weights saved in PyTorch with the docs' snippet, model.json written by hand (with normalization).
        Path model = Fixtures.path("pytorch_tagger"), y = dir.resolve("y.csv");
        Outcome o = cli("run", "--model", model.toString(), "--input", model.resolve("input.csv").toString(), "--output", y.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(y);
        assertEquals("rest,note,chord,predicted", lines.getFirst());
        assertEquals(8, lines.size(), "header + one row per step");
        compareWithExpected(lines, model.resolve("expected.csv"), 3);
    }

    @Test void runsAPyTorchTrainedClassifier() throws IOException {
        Path model = Fixtures.path("pytorch_classifier"), y = dir.resolve("y.csv");
        Outcome o = cli("run", "--model", model.toString(), "--input", model.resolve("input.csv").toString(), "--output", y.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(y);
        assertEquals(2, lines.size(), "header + one row");
        assertEquals("calm,busy,predicted", lines.getFirst());
        compareWithExpected(lines, model.resolve("expected.csv"), 2);
        String[] cells = lines.get(1).split(",");
        assertEquals(Float.parseFloat(cells[0]) >= Float.parseFloat(cells[1]) ? "calm" : "busy", cells[2]);

        Outcome soft = cli("run", "--softmax", "--model", model.toString(), "--input", model.resolve("input.csv").toString(), "--output", y.toString());
        assertEquals(0, soft.code(), soft.err());
        String[] p = Files.readAllLines(y).get(1).split(",");
        assertEquals(1.0, Double.parseDouble(p[0]) + Double.parseDouble(p[1]), 1e-6);
    }

    @Test void runsATokenModel() throws IOException {
        Sequential m = Sequential.of(new Embedding(5, 3), new Gru(3, 4), new Dense(4, 5));
        m.initialize(2);
        Path model = dir.resolve("melody");
        ModelStore.save(model, m, ModelInfo.of(ModelInfo.SEQUENCE));
        Path x = dir.resolve("tokens.csv"), y = dir.resolve("out.csv");
        Files.writeString(x, "token\n0\n4\n2\n");
        Outcome o = cli("run", "--model", model.toString(), "--input", x.toString(), "--output", y.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(y);
        assertEquals("out0,out1,out2,out3,out4", lines.getFirst());
        float[] want = m.forward(Seq.full(Tensor.of(new float[] {0, 4, 2}, 1, 3, 1)), ForwardPass.inference()).values().data();
        for (int t = 0; t < 3; t++) {
            String[] cells = lines.get(t + 1).split(",");
            for (int d = 0; d < 5; d++) assertEquals(want[t * 5 + d], Float.parseFloat(cells[d]), 0f);
        }
        Files.writeString(x, "1\n5\n");
        assertOneLineError(cli("run", "--model", model.toString(), "--input", x.toString(), "--output", y.toString()),
                x + ": step 2: token id 5.0 is not an integer in [0, 5)");
    }

    @Test void badInputsGiveOneLineNamingFileAndProblem() throws IOException {
        Path model = Fixtures.path("pytorch_tagger"), x = dir.resolve("x.csv"), y = dir.resolve("y.csv");
        String[] args = {"run", "--model", model.toString(), "--input", x.toString(), "--output", y.toString()};
        Files.writeString(x, "1,2,3,4\n1,2,3\n");
        assertOneLineError(cli(args), x + ": line 2 has 3 columns, expected 4 (the model's input size)");
        Files.writeString(x, "1,2,3\n");
        assertOneLineError(cli(args), x + ": line 1 has 3 columns, expected 4");
        Files.writeString(x, "1,2,3,4\n1,NaN,3,4\n");
        assertOneLineError(cli(args), x + ": line 2, column 2: NaN is not a finite number");
        Files.writeString(x, "1,2,3,Infinity\n");
        assertOneLineError(cli(args), x + ": line 1, column 4: Infinity is not a finite number");
        Files.writeString(x, "1,2,3,4\n1,2,x,4\n");
        assertOneLineError(cli(args), x + ": line 2, column 3: 'x' is not a number");
        Files.writeString(x, "a,b,c,d\n");
        assertOneLineError(cli(args), x + ": no data rows");
        assertOneLineError(cli("run", "--model", model.toString(), "--input", dir.resolve("none.csv").toString(), "--output", y.toString()),
                dir.resolve("none.csv") + ": file not found");
        assertFalse(Files.exists(y), "no output written on failure");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(model.resolve("model.json"), broken.resolve("model.json"));
        Files.writeString(x, "1,2,3,4\n");
        String[] onBroken = {"run", "--model", broken.toString(), "--input", x.toString(), "--output", y.toString()};
        assertOneLineError(cli(onBroken), broken.resolve("model.safetensors") + ": file not found");
        Files.writeString(broken.resolve("model.json"), Files.readString(model.resolve("model.json")).replace("\"hidden_size\": 8", "\"hidden_size\": 6"));
        Files.copy(model.resolve("model.safetensors"), broken.resolve("model.safetensors"));
        assertOneLineError(cli(onBroken), broken.resolve("model.json") + ": layers:");
        Files.writeString(broken.resolve("model.json"), Files.readString(model.resolve("model.json")).replace("\"out_features\": 3", "\"out_features\": 4"));
        assertOneLineError(cli(onBroken), broken.resolve("model.json") + ": 3 labels for a model with 4 outputs");
        Files.delete(broken.resolve("model.json"));
        assertOneLineError(cli(onBroken), broken.resolve("model.json") + ": file not found");
        assertOneLineError(cli("run", "--model", dir.resolve("nowhere").toString(), "--input", x.toString(), "--output", y.toString()),
                dir.resolve("nowhere") + ": model directory not found");
    }

    @Test void infoPrintsSummaryTaskAndLabels() {
        Path model = Fixtures.path("pytorch_classifier");
        Outcome o = cli("info", "--model", model.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().matches("(?s).*rnn\\s+gru\\s+\\[B,T,10]\\s+270\\n.*"), o.out());
        assertTrue(o.out().matches("(?s).*last\\s+last_step\\s+\\[B,10].*"), o.out());
        assertTrue(o.out().matches("(?s).*fc\\s+dense\\s+\\[B,2]\\s+22\\n.*"), o.out());
        assertTrue(o.out().contains("task      classification"), o.out());
        assertTrue(o.out().contains("labels    calm, busy"), o.out());
        // 2·(3·5·2 + 3·5·5 + 2·3·5) + 10·2 + 2 = 292
        assertTrue(o.out().matches("(?s).*total\\s+292\\n.*"), o.out());

        Outcome plain = cli("info");
        assertEquals(0, plain.code());
        assertTrue(plain.out().contains("kernels"), plain.out());
        assertOneLineError(cli("info", "--model", dir.toString()), dir.resolve("model.json") + ": file not found");
    }

    @Test void missingOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, cli("run", "--model", "x").code());
    }

    private static void assertOneLineError(Outcome o, String expected) {
        assertEquals(ExitCodes.FAILURE, o.code(), o.err());
        String err = o.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("recur "), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    private static void compareWithExpected(List<String> lines, Path expected, int dims) throws IOException {
        List<String> want = Files.readAllLines(expected);
        assertEquals(want.size(), lines.size() - 1);
        for (int r = 0; r < want.size(); r++) {
            String[] w = want.get(r).split(","), g = lines.get(r + 1).split(",");
            for (int d = 0; d < dims; d++) {
                double a = Double.parseDouble(w[d]), b = Double.parseDouble(g[d]);
                assertEquals(a, b, 1e-5 * Math.max(1, Math.abs(a)), "row " + r + " column " + d);
            }
        }
    }
}
