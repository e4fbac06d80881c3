package dev.recur.io;

import dev.recur.nn.Gru;
import dev.recur.nn.Layers;
import dev.recur.nn.Lstm;
import dev.recur.nn.Param;
import dev.recur.nn.Rnn;
import dev.recur.nn.Sequential;
import dev.recur.nn.Dense;
import dev.recur.nn.Embedding;
import dev.recur.nn.MeanPool;
import dev.recur.tensor.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * model.json's sizes are checked against model.safetensors' header and the heap before anything is allocated:
 * a claimed hidden_size of 20000 or 1e9 is one line naming the tensor or the field, never an OutOfMemoryError.
 */
class ModelSizesTest {
    @TempDir Path dir;

    private static String lstmJson(Object hidden) {
        return """
                {"format": "recur-model", "version": 1, "task": "regression",
                 "layers": [{"name": "0", "type": "lstm", "config": {"input_size": 1, "hidden_size": %s}},
                            {"name": "1", "type": "last_step", "config": {"size": 4}}]}
                """.formatted(hidden);
    }

    /** A real small model (hidden 4) saved, then its model.json edited to claim {@code hidden}. */
    private Path smallWeightsClaiming(Object hidden) throws IOException {
        Path m = dir.resolve("m");
        ModelStore.save(m, Sequential.of(new Lstm(1, 4, 1, false, true), new dev.recur.nn.LastStep(4)), ModelInfo.of("regression"));
        Files.writeString(m.resolve(ModelStore.CONFIG_FILE), lstmJson(hidden));
        return m;
    }

    @Test void aClaimedHiddenSizeOf20000IsCheckedAgainstTheWeightsFirst() throws IOException {
        Path m = smallWeightsClaiming(20000);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(m));
        assertEquals(m.resolve("model.safetensors") + ": tensor '0.weight_ih_l0' has shape [16, 1] but layer 0 in model.json needs [80000, 1]",
                e.getMessage());
    }

    @Test void sizesThatOverflowNameTheField() throws IOException {
        for (String hidden : List.of("1e9", "1000000000", "2147483647")) {
            Path m = smallWeightsClaiming(hidden);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(m), hidden);
            assertTrue(e.getMessage().startsWith(m.resolve("model.json") + ": layers: layer 0: lstm: input_size=1, hidden_size="),
                    e.getMessage());
            assertTrue(e.getMessage().contains("more values than an array holds"), e.getMessage());
        }
        Path m = smallWeightsClaiming("3e9");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelStore.load(m)).getMessage()
                .contains("'hidden_size' must be an integer, got 3.0E9"));
        Files.writeString(m.resolve("model.json"), lstmJson("4").replace("\"hidden_size\": 4", "\"hidden_size\": 4, \"num_layers\": 1000000"));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelStore.load(m)).getMessage()
                .contains("num_layers=1000000 is more than 4096 stacked layers"));
    }

    /**
     * Weights that match a model too large for the heap: a sparse file of 6.4 GB whose header declares an LSTM with
     * hidden_size 20000 (1.6e9 values). Refused before a byte of it is read.
     */
    @Test void aModelThatMatchesItsWeightsButNotTheHeapIsRefused() throws IOException {
        Path m = Files.createDirectories(dir.resolve("big"));
        Files.writeString(m.resolve("model.json"), lstmJson(20000));
        Map<String, long[]> shapes = Layers.paramShapes(Sequential.TYPE, Map.of("layers",
                List.of(Map.of("name", "0", "type", "lstm", "config", Map.of("input_size", 1, "hidden_size", 20000)))));
        long dataBytes = writeSparseSafetensors(m.resolve("model.safetensors"), shapes);
        assertTrue(dataBytes > 6_000_000_000L);
        assumeHeapBelow(12 * dataBytes / 4);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(m));
        assertTrue(e.getMessage().startsWith(m.resolve("model.json") + ": a model of 1600240000 parameters needs 17.9 GiB of memory"), e.getMessage());
        assertTrue(e.getMessage().contains("RECUR_JAVA_OPTS=-Xmx"), e.getMessage());
    }

    private static void assumeHeapBelow(long bytes) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < bytes, "a heap this large would hold the model");
    }

    /** A safetensors header for F32 tensors of these shapes, and a data section that is a hole in the file. */
    private static long writeSparseSafetensors(Path file, Map<String, long[]> shapes) throws IOException {
        StringBuilder h = new StringBuilder("{");
        long off = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            if (h.length() > 1) h.append(',');
            h.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":").append(Arrays.toString(e.getValue()))
                    .append(",\"data_offsets\":[").append(off).append(',').append(off + 4 * n).append("]}");
            off += 4 * n;
        }
        byte[] json = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            f.write(json);
            f.setLength(8 + json.length + off);
        }
        return off;
    }

    /** The shapes a config declares are exactly the shapes the built layers have (one layout, two views). */
    @Test void declaredShapesAreTheBuiltShapes() {
        List<Sequential> models = List.of(
                Sequential.of(new Embedding(30, 8), new Lstm(8, 16, 2, true, true), new MeanPool(32), new Dense(32, 5)),
                Sequential.of(new Gru(3, 7, 3, false, false), new dev.recur.nn.LastStep(7), new Dense(7, 2, false)),
                Sequential.of(new Rnn(2, 5, 1, true, true, Rnn.Activation.RELU), new dev.recur.nn.LastStep(10)),
                Sequential.of(new dev.recur.nn.Lookback(9, new int[] {4, 8}, 3, 0), new Lstm(32, 6),
                        new dev.recur.nn.Attention(6, 5, 10), new Dense(12, 8)));
        for (Sequential s : models) {
            Map<String, long[]> declared = Layers.paramShapes(Sequential.TYPE, s.config());
            Map<String, long[]> built = new LinkedHashMap<>();
            for (Map.Entry<String, Param> e : s.namedParams().entrySet()) {
                built.put(e.getKey(), Arrays.stream(e.getValue().value().shape()).asLongStream().toArray());
            }
            assertEquals(List.copyOf(built.keySet()), List.copyOf(declared.keySet()));
            built.forEach((k, v) -> assertArrayEquals(v, declared.get(k), k));
        }
    }

    @Test void layersBuiltInCodeAreBoundedToo() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> new Lstm(13, 1_000_000_000));
        assertTrue(big.getMessage().startsWith("lstm: input_size=13, hidden_size=1000000000, num_layers=1 make weight_ih_l0 [4000000000, 13]"),
                big.getMessage());
        assumeHeapBelow(8L * 1_601_200_000);
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class, () -> new Lstm(13, 20000));
        assertTrue(heap.getMessage().startsWith("lstm with input_size=13, hidden_size=20000, num_layers=1 (1601200000 parameters, values and gradients) needs 11.9 GiB"),
                heap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dense(100_000, 100_000));
        assertThrows(IllegalArgumentException.class, () -> MemoryBudget.require(Long.MAX_VALUE / 2, "x"));
    }
}
