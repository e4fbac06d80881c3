package dev.recur.io;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

class SafeTensorsTest {
    @TempDir Path dir;

    @Test void roundTripKeepsValuesShapesAndMetadata() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("b.weight", Tensor.of(new float[] {1f, -2f, 3.5f, Float.NaN, Float.MIN_VALUE, -0f}, 2, 3));
        in.put("a.bias", Tensor.of(new float[] {7f}, 1));
        in.put("scalar", Tensor.of(new float[] {42f}));
        in.put("empty", Tensor.zeros(0, 5));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, in, Map.of("format", "pt", "note", "ünïcode"));

        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.of("a.bias", "b.weight", "empty", "scalar"), List.copyOf(c.tensors().keySet()));
        for (var e : in.entrySet()) {
            Tensor got = c.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(Float.floatToRawIntBits(e.getValue().data()[i]), Float.floatToRawIntBits(got.data()[i]));
            }
        }
        assertEquals(Map.of("format", "pt", "note", "ünïcode"), c.metadata());

        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        assertEquals('{', bytes[8]);
        assertEquals(8 + n + 4 * (1 + 6 + 0 + 1), bytes.length);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temp files left behind");
        }
    }

    @Test void writesTheSameBytesAsTheReferenceLayout() throws IOException {
        // The Python fixture writer mimics the reference implementation; our writer must agree byte for byte.
        Path ref = Fixtures.path("rnn/lstm_l1_uni.safetensors");
        SafeTensors.Contents c = SafeTensors.read(ref);
        Path mine = dir.resolve("copy.safetensors");
        SafeTensors.write(mine, c.tensors(), c.metadata());
        assertArrayEquals(Files.readAllBytes(ref), Files.readAllBytes(mine));
    }

    @Test void readsPyTorchNamedFixture() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(Fixtures.path("rnn/lstm_l2_bi.safetensors"));
        assertArrayEquals(new int[] {16, 3}, c.tensors().get("weight_ih_l0").shape());
        assertArrayEquals(new int[] {16, 8}, c.tensors().get("weight_ih_l1_reverse").shape());
        assertArrayEquals(new int[] {4, 3, 4}, c.tensors().get("c_n").shape());
        assertEquals("lstm", c.metadata().get("mode"));
        assertEquals("true", c.metadata().get("bidirectional"));
    }

    @Test void convertsF64F16AndBf16ToFloat() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(Fixtures.path("dtypes.safetensors"));
        float[] want = {0f, 1f, -2.5f, 0.125f, 96f, -0.0078125f};
        for (String k : List.of("f32", "f64", "f16", "bf16")) {
            assertArrayEquals(new int[] {2, 3}, c.tensors().get(k).shape(), k);
            assertArrayEquals(want, c.tensors().get(k).data(), k);
        }
        assertEquals(0, c.tensors().get("scalar").rank());
        assertEquals(3f, c.tensors().get("scalar").data()[0]);
        assertArrayEquals(new int[] {0, 4}, c.tensors().get("empty").shape());
    }

    @Test void overwritesAtomically() throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, Map.of("x", Tensor.of(new float[] {1, 2}, 2)));
        SafeTensors.write(f, Map.of("y", Tensor.of(new float[] {3}, 1)));
        assertEquals(List.of("y"), List.copyOf(SafeTensors.read(f).tensors().keySet()));
    }

    // ---- damaged files: each gives a ModelFormatException naming the file and the problem ----

    @Test void truncatedData() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3)));
        byte[] b = Files.readAllBytes(good);
        Path f = dir.resolve("cut.safetensors");
        Files.write(f, Arrays.copyOf(b, b.length - 2));
        assertProblem(f, "outside the data section");
        Files.write(f, Arrays.copyOf(b, 20));
        assertProblem(f, "header length");
        Files.write(f, Arrays.copyOf(b, 5));
        assertProblem(f, "only 5 bytes");
        Files.write(f, new byte[0]);
        assertProblem(f, "only 0 bytes");
    }

    @Test void hugeHeaderLengthIsRejectedWithoutAllocating() throws IOException {
        for (long n : new long[] {Long.MAX_VALUE, -1L, 1L << 40, SafeTensors.MAX_HEADER_BYTES + 8}) {
            Path f = dir.resolve("huge.safetensors");
            ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
            Files.write(f, b.array());
            assertProblem(f, "header length");
        }
    }

    @Test void nonJsonHeader() throws IOException {
        assertProblem(raw("{\"x\": {\"dtype\": \"F32\", ", new byte[0]), "not valid JSON");
        assertProblem(raw("[1, 2, 3]", new byte[0]), "not a JSON object");
        assertProblem(raw("{} {}", new byte[0]), "not valid JSON");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "not valid JSON");
    }

    @Test void unknownDtype() throws IOException {
        assertProblem(raw("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]),
                "tensor 'x': dtype I64 is not supported");
    }

    @Test void shapeMismatchAndBadShapes() throws IOException {
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "needs 12 bytes but data_offsets give 8");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", new byte[8]), "bad shape");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", new byte[8]), "bad shape");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", new byte[8]), "too large");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", new byte[8]), "missing shape");
    }

    @Test void badOffsets() throws IOException {
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", new byte[8]), "outside the data section");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", new byte[8]), "data_offsets must be");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}}", new byte[8]),
                "outside the data section");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "belong to no tensor");
        assertProblem(raw("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[8]), "trailing bytes");
    }

    @Test void overlappingTensors() throws IOException {
        assertProblem(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]), "'a' and 'b' overlap");
    }

    @Test void badMetadata() throws IOException {
        assertProblem(raw("{\"__metadata__\":{\"n\":3}}", new byte[0]), "is not a string");
    }

    @Test void missingFile() {
        Path f = dir.resolve("nope.safetensors");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(f));
        assertEquals(f + ": file not found", e.getMessage());
    }

    private Path raw(String json, byte[] data) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = Files.createTempFile(dir, "raw", ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static void assertProblem(Path f, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
