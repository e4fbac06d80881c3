package dev.recur.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recur.fuzz.FuzzChecks;
import dev.recur.nn.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzzes the model loader: {@link SafeTensors#read} and {@link ModelStore#load} either load finite numbers
 * or fail with a {@link ModelFormatException} naming the file. An input is a model directory packed as
 * {@code [2-byte big-endian length L][L bytes of model.json][model.safetensors bytes]} (see
 * {@link #pack}). Seeds and findings: src/test/resources/dev/recur/io/ModelFuzzTestInputs/modelDir.
 */
class ModelFuzzTest {
    private static Path dir;

    @BeforeAll static void scratch() throws Exception { dir = FuzzChecks.scratch("model"); }

    @AfterAll static void clean() throws Exception {
        try (var s = Files.list(dir)) { for (Path p : s.toList()) Files.deleteIfExists(p); }
        Files.deleteIfExists(dir);
    }

    static byte[] pack(byte[] json, byte[] weights) {
        byte[] out = new byte[2 + json.length + weights.length];
        out[0] = (byte) (json.length >>> 8);
        out[1] = (byte) json.length;
        System.arraycopy(json, 0, out, 2, json.length);
        System.arraycopy(weights, 0, out, 2 + json.length, weights.length);
        return out;
    }

    @FuzzTest(maxDuration = "10m")
    void modelDir(byte[] input) throws Exception {
        int len = input.length < 2 ? 0 : Math.min(input.length - 2, ((input[0] & 0xff) << 8) | (input[1] & 0xff));
        int start = Math.min(2, input.length);
        Path json = dir.resolve(ModelStore.CONFIG_FILE), weights = dir.resolve(ModelStore.WEIGHTS_FILE);
        Files.write(json, Arrays.copyOfRange(input, start, start + len));
        Files.write(weights, Arrays.copyOfRange(input, start + len, input.length));

        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            SafeTensors.Contents c = SafeTensors.read(weights);
            long bytes = 0;
            for (var t : c.tensors().values()) bytes += t.size();
            if (bytes > input.length) throw new AssertionError(bytes + " values from a file of " + input.length + " bytes");
        });
        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            ModelFile m = ModelStore.load(dir);
            for (Param p : m.model().params()) FuzzChecks.requireFinite(p.value().data(), p.name());
        });
    }
}
