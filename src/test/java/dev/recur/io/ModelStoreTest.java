package dev.recur.io;

import dev.recur.nn.Activation;
import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelStoreTest {
    @TempDir Path dir;
    private Sequential model;
    private ModelInfo info;

    @BeforeEach void build() {
        model = Sequential.of(new Dense(3, 4), Activation.tanh(), new Dense(4, 2));
        model.initialize(11);
        info = ModelInfo.of(ModelInfo.CLASSIFICATION)
                .withLabels(List.of("jazz", "rock"))
                .withFeatures(Map.of("kind", "mfcc", "coefficients", 13, "sample_rate", 22050.0))
                .withNormalization(new Normalization(new float[] {0.5f, -1f, 2f}, new float[] {1f, 2f, 0.25f}))
                .withMetadata(Map.of("epochs", 3, "note", "test", "scores", List.of(0.5, 0.75)));
    }

    @Test void roundTripKeepsWeightsInfoAndOutputs() throws IOException {
        ModelStore.save(dir, model, info);
        ModelFile loaded = ModelStore.load(dir);
        assertEquals(info, loaded.info());
        assertEquals(model.config(), loaded.model().config());
        Map<String, Param> a = model.namedParams(), b = loaded.model().namedParams();
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(b.keySet()));
        for (String k : a.keySet()) assertArrayEquals(a.get(k).value().data(), b.get(k).value().data(), k);

        Seq x = Seq.full(Tensor.of(new float[] {1, 2, 3, -1, 0, 0.5f}, 2, 3));
        assertArrayEquals(model.forward(x, ForwardPass.inference()).values().data(),
                loaded.model().forward(x, ForwardPass.inference()).values().data());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only model.json and model.safetensors, no temp files");
        }
    }

    @Test void jsonHasTheDocumentedShape() throws IOException {
        ModelStore.save(dir, model, info);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("model.json").toFile());
        assertEquals("recur-model", json.get("format").asText());
        assertEquals(1, json.get("version").asInt());
        assertEquals("classification", json.get("task").asText());
        assertEquals("0", json.get("layers").get(0).get("name").asText());
        assertEquals("dense", json.get("layers").get(0).get("type").asText());
        assertEquals(3, json.get("layers").get(0).get("config").get("in_features").asInt());
        assertEquals("tanh", json.get("layers").get(1).get("type").asText());
        assertEquals("rock", json.get("labels").get(1).asText());
        assertEquals(2f, json.get("normalization").get("mean").get(2).floatValue());
    }

    @Test void loadsHandWrittenJsonWithPyTorchWeights() throws IOException {
        // As a PyTorch user would: nn.Linear weights under "fc.weight"/"fc.bias", model.json written by hand.
        Map<String, Tensor> f = SafeTensors.read(Fixtures.path("dense_cross_entropy.safetensors")).tensors();
        SafeTensors.write(dir.resolve("model.safetensors"), Map.of("fc.weight", f.get("weight"), "fc.bias", f.get("bias")));
        Files.writeString(dir.resolve("model.json"), """
                {"format": "recur-model", "version": 1, "task": "classification",
                 "layers": [{"name": "fc", "type": "dense", "config": {"in_features": 5, "out_features": 3}}],
                 "labels": ["a", "b", "c"]}
                """);
        ModelFile m = ModelStore.load(dir);
        assertEquals(List.of("a", "b", "c"), m.info().labels());
        assertNull(m.info().normalization());
        float[] y = m.model().forward(Seq.full(f.get("x")), ForwardPass.inference()).values().data();
        float[] want = f.get("logits").data();
        for (int i = 0; i < want.length; i++) assertEquals(want[i], y[i], 1e-5, "logit " + i);
    }

    @Test void missingExtraAndMisshapenTensors() throws IOException {
        ModelStore.save(dir, model, info);
        Path w = dir.resolve("model.safetensors");
        Map<String, Tensor> good = new LinkedHashMap<>(SafeTensors.read(w).tensors());

        Map<String, Tensor> t = new LinkedHashMap<>(good);
        t.remove("2.bias");
        SafeTensors.write(w, t);
        assertProblem(w, "missing tensor '2.bias' [2] for layer 2");

        t = new LinkedHashMap<>(good);
        t.put("3.weight", Tensor.zeros(2, 2));
        SafeTensors.write(w, t);
        assertProblem(w, "tensor '3.weight' matches no parameter");

        t = new LinkedHashMap<>(good);
        t.put("0.weight", Tensor.zeros(3, 4));
        SafeTensors.write(w, t);
        assertProblem(w, "tensor '0.weight' has shape [3, 4] but layer 0 in model.json needs [4, 3]");

        t = new LinkedHashMap<>(good);
        t.put("0.bias", Tensor.of(new float[] {0, Float.NaN, 0, 0}, 4));
        SafeTensors.write(w, t);
        assertProblem(w, "tensor '0.bias' holds NaN");

        Files.delete(w);
        assertProblem(w, "file not found");
    }

    @Test void badModelJson() throws IOException {
        ModelStore.save(dir, model, info);
        Path j = dir.resolve("model.json");
        String good = Files.readString(j);

        Files.writeString(j, good.replace("\"dense\"", "\"convolution\""));
        assertProblem(j, "unknown layer type 'convolution'");
        Files.writeString(j, good.replace("\"out_features\" : 4", "\"out_features\" : 5"));
        assertProblem(j, "expects 4 inputs but layer 0 (dense) gives 5");  // sizes chain checked by Sequential
        Files.writeString(j, good.replace("\"in_features\" : 3", "\"in_features\" : 5"));
        assertProblem(j, "normalization has 3 values for a model with 5 inputs");
        Files.writeString(j, good.replace("\"recur-model\"", "\"keras\""));
        assertProblem(j, "\"format\" must be \"recur-model\"");
        Files.writeString(j, good.replace("\"version\" : 1", "\"version\" : 2"));
        assertProblem(j, "version 2 is not supported");
        Files.writeString(j, good.replace("\"rock\"", "\"rock\", \"pop\""));
        assertProblem(j, "3 labels for a model with 2 outputs");
        Files.writeString(j, good.replace("\"task\"", "\"tasks\""));
        assertProblem(j, "unknown key 'tasks'");
        Files.writeString(j, good.substring(0, good.length() / 2));
        assertProblem(j, "not valid JSON");
        Files.writeString(j, good.replace("0.25", "0.0"));
        assertProblem(j, "std[2] must be finite and > 0");
        Files.delete(j);
        assertProblem(j, "file not found");
    }

    @Test void saveRejectsInfoThatDoesNotFitTheModel() {
        ModelInfo bad = info.withLabels(List.of("only one"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelStore.save(dir, model, bad));
        assertTrue(e.getMessage().contains("1 labels for a model with 2 outputs"), e.getMessage());
    }

    private void assertProblem(Path file, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
