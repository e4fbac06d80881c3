package dev.recur.nn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

class LayersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One or more instances of every non-recurrent type, covering optional settings. */
    static List<Layer> nonRecurrentSamples() {
        return List.of(
                new Dense(5, 3), new Dense(4, 2, false), new Embedding(12, 6), new Dropout(0.25f), new Dropout(7, 0.5f),
                new Pyramid(9), new LastStep(4), new MeanPool(5), new MaxPool(6), new AttentionPool(7), new AttentionStatsPool(3),
                new Conv1d(3, 5, 3, 1, 1, true), new Conv1d(4, 2, 5, 2, 0, false),
                Activation.relu(), new Activation(3, Activation.Kind.TANH),
                new Lookback(10, new int[] {16, 32}, 5, 0), new Lookback(4, new int[] {3}, 0, 2), new Attention(6, 5, 40),
                Sequential.builder().add("a", new Dense(3, 4)).add("b", Sequential.of(Activation.relu(), new MeanPool(4))).build());
    }

    static List<Layer> recurrentSamples() {
        return List.of(
                new Rnn(3, 4), new Rnn(3, 4, 2, true, false, Rnn.Activation.RELU),
                new Lstm(5, 6), new Lstm(5, 6, 2, true, true), new Gru(2, 3), new Gru(2, 3, 1, true, false),
                Sequential.builder().add("lstm", new Lstm(4, 8, 1, true, true)).add("head", new LastStep(16)).build(),
                new Ensemble(List.of(Sequential.of(new Gru(3, 4), new AttentionPool(4), new Dense(4, 2)),
                        Sequential.of(new Gru(3, 4), new AttentionPool(4), new Dense(4, 2)))));
    }

    static void assertSameShape(Layer want, Layer got) {
        assertEquals(want.getClass(), got.getClass());
        assertEquals(want.type(), got.type());
        assertEquals(want.config(), got.config());
        assertEquals(want.inputSize(), got.inputSize());
        assertEquals(want.outputSize(), got.outputSize());
        assertEquals(want.params().size(), got.params().size());
        for (int i = 0; i < want.params().size(); i++) {
            assertEquals(want.params().get(i).name(), got.params().get(i).name());
            assertArrayEquals(want.params().get(i).value().shape(), got.params().get(i).value().shape());
        }
    }

    /** fromConfig(type(), config()) rebuilds the layer, also after the config went through JSON text. */
    static void assertRoundTrips(Layer layer) throws Exception {
        assertSameShape(layer, Layers.fromConfig(layer.type(), layer.config()));
        Map<String, Object> parsed = JSON.readValue(JSON.writeValueAsString(layer.config()), new TypeReference<>() {});
        assertSameShape(layer, Layers.fromConfig(layer.type(), parsed));
    }

    @Test
    void everyLayerRoundTrips() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Layer l : nonRecurrentSamples()) {
            assertRoundTrips(l);
            covered.add(l.type());
        }
        for (Layer l : recurrentSamples()) {
            assertRoundTrips(l);
            covered.add(l.type());
        }
        assertEquals(Layers.types(), covered, "a sample for every registered type");
    }

    @Test
    void optionalKeysHaveDefaults() {
        Dense d = (Dense) Layers.fromConfig("dense", Map.of("in_features", 3, "out_features", 2));
        assertTrue(d.hasBias());
        assertEquals(Layer.ANY_SIZE, Layers.fromConfig("dropout", Map.of("p", 0.5)).inputSize());
        assertEquals(Layer.ANY_SIZE, Layers.fromConfig("relu", Map.of()).inputSize());
        assertEquals(4, Layers.fromConfig("pyramid", Map.of("input_size", 4.0)).inputSize(), "integral doubles are ints");
    }

    @Test
    void recurrentDefaultsAndErrors() {
        Lstm l = (Lstm) Layers.fromConfig("lstm", Map.of("input_size", 3, "hidden_size", 5));
        assertEquals(List.of(1, false, true), List.of(l.numLayers(), l.bidirectional(), l.bias()));
        assertEquals(Rnn.Activation.TANH, ((Rnn) Layers.fromConfig("rnn", Map.of("input_size", 3, "hidden_size", 5))).activation());
        assertEquals(Rnn.Activation.RELU, ((Rnn) Layers.fromConfig("rnn", Map.of("input_size", 3, "hidden_size", 5, "nonlinearity", "relu"))).activation());
        assertEquals("lstm: missing 'hidden_size'", message("lstm", Map.of("input_size", 3)));
        assertEquals("gru: 'bidirectional' must be true or false, got \"yes\"", message("gru", Map.of("input_size", 3, "hidden_size", 2, "bidirectional", "yes")));
        assertEquals("rnn: 'nonlinearity' must be \"tanh\" or \"relu\", got \"sigmoid\"", message("rnn", Map.of("input_size", 3, "hidden_size", 2, "nonlinearity", "sigmoid")));
        assertEquals("lstm: unknown key 'nonlinearity' (allowed: bias, bidirectional, hidden_size, input_size, num_layers)",
                message("lstm", Map.of("input_size", 3, "hidden_size", 2, "nonlinearity", "relu")));
        assertTrue(message("gru", Map.of("input_size", 3, "hidden_size", 0)).startsWith("gru: "));
    }

    @Test
    void clearErrors() {
        assertTrue(message("foo", Map.of()).startsWith("unknown layer type 'foo' (known: "));
        assertEquals("dense: missing 'out_features'", message("dense", Map.of("in_features", 3)));
        assertEquals("dense: 'in_features' must be an integer, got \"3\"", message("dense", Map.of("in_features", "3", "out_features", 2)));
        assertEquals("dense: 'in_features' must be an integer, got 2.5", message("dense", Map.of("in_features", 2.5, "out_features", 2)));
        assertEquals("dense: 'bias' must be true or false, got 1", message("dense", Map.of("in_features", 2, "out_features", 2, "bias", 1)));
        assertEquals("dense: unknown key 'units' (allowed: bias, in_features, out_features)", message("dense", Map.of("units", 3)));
        assertEquals("dense: out_features must be positive, got 0", message("dense", Map.of("in_features", 2, "out_features", 0)));
        assertEquals("dropout: 'p' must be a number, got \"x\"", message("dropout", Map.of("p", "x")));
        assertEquals("dropout: p must be in [0, 1], got 2.0", message("dropout", Map.of("p", 2)));
        Map<String, Object> badInner = new LinkedHashMap<>();
        badInner.put("type", "dense");
        badInner.put("config", Map.of("in_features", 3));
        assertEquals("layer 0: dense: missing 'out_features'", message("sequential", Map.of("layers", List.of(badInner))));
        assertEquals("sequential: 'layers' must be a list of {name, type, config}, got 3", message("sequential", Map.of("layers", 3)));
        assertEquals("layer 1 (dense) expects 4 inputs but layer 0 (dense) gives 3", message("sequential", Map.of("layers", List.of(
                spec("dense", Map.of("in_features", 2, "out_features", 3)), spec("dense", Map.of("in_features", 4, "out_features", 1))))));
    }

    private static Map<String, Object> spec(String type, Map<String, Object> config) {
        return Map.of("type", type, "config", config);
    }

    private static String message(String type, Map<String, Object> config) {
        return assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig(type, config)).getMessage();
    }

    @Test
    void sequentialConfigListsItsLayers() {
        Sequential s = Sequential.builder().add("proj", new Dense(3, 2)).add("pool", new MaxPool(2)).build();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> specs = (List<Map<String, Object>>) s.config().get("layers");
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> spec : specs) seen.add(spec.get("name") + ":" + spec.get("type"));
        assertEquals(Arrays.asList("proj:dense", "pool:max_pool"), seen);
        Sequential back = (Sequential) Layers.fromConfig("sequential", s.config());
        assertEquals(s.names(), back.names());
        assertEquals(s.namedParams().keySet(), back.namedParams().keySet());
    }
}
