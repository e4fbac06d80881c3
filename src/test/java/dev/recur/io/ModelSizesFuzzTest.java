package dev.recur.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.fuzz.FuzzChecks;
import dev.recur.nn.Layers;
import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the sizes a model.json declares against the weights next to it: layers of every type with sizes from
 * tiny to absurd (0, -1, 20000, 1e9, 2^31-1, fractions, strings), next to the weights of the same layers with
 * their sizes clamped small, so names match and shapes mostly do not. {@link ModelStore#load} must load a
 * model whose every value is finite, or refuse with a one-line documented exception, and never run out of
 * memory or allocate what the weights do not hold (the fuzz JVM has 1 GB). Unlike ModelFuzzTest's raw bytes,
 * inputs here are structured, so the fuzzer spends its time on sizes, not on JSON syntax.
 * Seeds and findings: src/test/resources/dev/recur/io/ModelSizesFuzzTestInputs/modelJsonSizes.
 */
class ModelSizesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"lstm", "gru", "rnn", "dense", "embedding", "last_step", "mean_pool", "dropout"};
    private static final Object[] SIZES = {0, -1, 1, 2, 3, 4, 8, 13, 20000, 65535, 1 << 20, 46341, 1_000_000_000,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 1e9, 2.5, 3e9, -0.0, "4", true, null, 1L << 40};
    private static Path dir;

    @BeforeAll static void scratch() throws Exception { dir = FuzzChecks.scratch("model-sizes"); }

    @AfterAll static void clean() throws Exception {
        try (var s = Files.list(dir)) { for (Path p : s.toList()) Files.deleteIfExists(p); }
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void modelJsonSizes(FuzzedDataProvider data) throws Exception {
        int layers = data.consumeInt(1, 4);
        List<Map<String, Object>> declared = new ArrayList<>(), small = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String type = data.pickValue(TYPES);
            Map<String, Object> config = new LinkedHashMap<>();
            for (String key : keys(type)) {
                if (data.consumeBoolean() && !key.equals("input_size") && !key.endsWith("_features") && !key.equals("size")
                        && !key.equals("hidden_size") && !key.startsWith("num_emb") && !key.startsWith("embedding")) continue;
                config.put(key, value(key, data));
            }
            declared.add(Map.of("name", String.valueOf(i), "type", type, "config", config));
            Map<String, Object> clamped = new LinkedHashMap<>();
            config.forEach((k, v) -> clamped.put(k, v instanceof Number n && isSize(k) ? Math.max(1, Math.min(6, Math.abs(n.intValue()))) : v));
            small.add(Map.of("name", String.valueOf(i), "type", type, "config", clamped));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "recur-model");
        json.put("version", 1);
        json.put("task", "fuzz");
        json.put("layers", declared);
        Files.write(dir.resolve(ModelStore.CONFIG_FILE), JSON.writeValueAsBytes(json));
        Path weights = dir.resolve(ModelStore.WEIGHTS_FILE);
        Files.deleteIfExists(weights);
        try {
            // the weights of the same layers with small sizes (when those make a model at all)
            Sequential s = (Sequential) Layers.fromConfig(Sequential.TYPE, Map.of("layers", new ArrayList<Object>(small)));
            s.initialize(data.consumeLong());
            Map<String, dev.recur.tensor.Tensor> tensors = new LinkedHashMap<>();
            s.namedParams().forEach((k, p) -> tensors.put(k, p.value()));
            SafeTensors.write(weights, tensors);
        } catch (IllegalArgumentException e) {
            Files.write(weights, data.consumeRemainingAsBytes());
        }
        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            ModelFile m = ModelStore.load(dir);
            for (Param p : m.model().params()) FuzzChecks.requireFinite(p.value().data(), p.name());
            long values = 0;
            for (Param p : m.model().params()) values += p.value().size();
            if (values > Files.size(weights)) throw new AssertionError(values + " values loaded from a file of " + Files.size(weights) + " bytes");
        });
    }

    private static boolean isSize(String key) {
        return !key.equals("bias") && !key.equals("bidirectional") && !key.equals("nonlinearity") && !key.equals("p");
    }

    private static List<String> keys(String type) {
        return switch (type) {
            case "lstm", "gru" -> List.of("input_size", "hidden_size", "num_layers", "bidirectional", "bias");
            case "rnn" -> List.of("input_size", "hidden_size", "num_layers", "bidirectional", "bias", "nonlinearity");
            case "dense" -> List.of("in_features", "out_features", "bias");
            case "embedding" -> List.of("num_embeddings", "embedding_dim");
            case "dropout" -> List.of("size", "p");
            default -> List.of("size");
        };
    }

    private static Object value(String key, FuzzedDataProvider data) {
        return switch (key) {
            case "bias", "bidirectional" -> data.consumeBoolean();
            case "nonlinearity" -> data.pickValue(new String[] {"tanh", "relu", "gelu"});
            case "p" -> data.consumeBoolean() ? 0.5 : data.consumeDouble();
            default -> data.consumeBoolean() ? data.pickValue(SIZES) : (Object) data.consumeInt();
        };
    }
}
