package dev.recur.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recur.files.AtomicFiles;
import dev.recur.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (as written by Hugging Face's {@code safetensors} and read by PyTorch users):
 * an 8-byte little-endian header length N, N bytes of JSON ({@code name → {dtype, shape, data_offsets}} plus
 * an optional {@code "__metadata__"} map of strings), padded with spaces to a multiple of 8, then the raw
 * little-endian tensor bytes. Recur writes F32; it reads F32, F64, F16 and BF16 (converted to float).
 * Reading validates everything before allocating, so a damaged file gives a {@link ModelFormatException},
 * never an OutOfMemoryError.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Upper bound on the JSON header (the reference implementation uses 100 MB too). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What a file holds: tensors in file order and the string metadata (empty when absent). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes tensors sorted by name (the order the reference implementation uses for same-dtype tensors),
     * atomically.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, writer(file, tensors, metadata));
    }

    /** The bytes of a file as an {@link AtomicFiles.Writer}, for staging together with other files. */
    public static AtomicFiles.Writer writer(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": tensor name '" + name + "' is not allowed");
            }
            Tensor t = e.getValue();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long end = offset + 4L * t.size();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');

        return out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerBytes);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : sorted.values()) {
                for (float v : t.data()) {
                    if (!buf.hasRemaining()) { out.write(buf.array(), 0, buf.position()); buf.clear(); }
                    buf.putFloat(v);
                }
            }
            out.write(buf.array(), 0, buf.position());
        };
    }

    /** Reads and validates a whole file. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : h.entries) {
                ByteBuffer raw = readFully(ch, h.dataStart + e.begin, (int) (e.end - e.begin), file).order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(e.name, Tensor.of(e.dtype.decode(raw, e.elements), e.shape));
            }
            return new Contents(tensors, h.metadata);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "file not found");
        }
    }

    /**
     * The tensors' shapes, in file order, from the header alone (validated as {@link #read} does, data offsets
     * against the file's size included), without reading any tensor: what a loader checks before allocating.
     */
    public static Map<String, int[]> shapes(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (Entry e : header(ch, file).entries) shapes.put(e.name, e.shape.clone());
            return shapes;
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, "file not found");
        }
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {}

    private static Header header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) throw new ModelFormatException(file, "not a safetensors file: only " + size + " bytes");
        ByteBuffer lenBuf = readFully(ch, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = lenBuf.getLong();
        if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
            throw new ModelFormatException(file, "header length " + Long.toUnsignedString(headerLen)
                    + " is impossible (file has " + size + " bytes; limit " + MAX_HEADER_BYTES + ")");
        }
        byte[] headerBytes = readFully(ch, 8, (int) headerLen, file).array();
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ModelFormatException(file, "header is not a JSON object");

        long dataStart = 8 + headerLen;
        long dataLen = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA_KEY)) {
                readMetadata(file, f.getValue(), metadata);
            } else {
                entries.add(parseEntry(file, f.getKey(), f.getValue(), dataLen));
            }
        }
        checkCoverage(file, entries, dataLen);
        return new Header(entries, metadata, dataStart);
    }

    /** Element types we can read, with their byte size and a decoder to float. */
    private enum DType {
        F32(4), F64(8), F16(2), BF16(2);
        final int bytes;
        DType(int bytes) { this.bytes = bytes; }

        float[] decode(ByteBuffer b, int n) {
            float[] out = new float[n];
            switch (this) {
                case F32 -> b.asFloatBuffer().get(out);
                case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(); }
                case F16 -> { for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(b.getShort()); }
                case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16); }
            }
            return out;
        }
    }

    private record Entry(String name, DType dtype, int[] shape, int elements, long begin, long end) {}

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) throws ModelFormatException {
        if (!node.isObject()) throw new ModelFormatException(file, METADATA_KEY + " is not a JSON object");
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new ModelFormatException(file, METADATA_KEY + " value for '" + m.getKey() + "' is not a string");
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataLen) throws ModelFormatException {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) throw new ModelFormatException(file, where + "entry is not a JSON object");
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) throw new ModelFormatException(file, where + "missing dtype");
        DType dtype;
        try {
            dtype = DType.valueOf(dt.textValue());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, where + "dtype " + dt.textValue() + " is not supported (F32, F64, F16, BF16)");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) throw new ModelFormatException(file, where + "missing shape");
        int[] shape = new int[sh.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 0 || d.longValue() > Integer.MAX_VALUE) {
                throw new ModelFormatException(file, where + "bad shape " + sh);
            }
            shape[i] = (int) d.longValue();
            elements *= shape[i];
            if (elements > Integer.MAX_VALUE - 8) throw new ModelFormatException(file, where + "shape " + sh + " is too large");
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
                || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw new ModelFormatException(file, where + "data_offsets must be [begin, end]");
        }
        long begin = off.get(0).longValue(), end = off.get(1).longValue();
        if (begin < 0 || end < begin || end > dataLen) {
            throw new ModelFormatException(file, where + "data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLen + " bytes");
        }
        if (end - begin != elements * dtype.bytes) {
            throw new ModelFormatException(file, where + "shape " + sh + " of " + dtype + " needs " + elements * dtype.bytes
                    + " bytes but data_offsets give " + (end - begin));
        }
        return new Entry(name, dtype, shape, (int) elements, begin, end);
    }

    /** Tensors must tile the data section exactly: no overlap, no holes, nothing left over. */
    private static void checkCoverage(Path file, List<Entry> entries, long dataLen) throws ModelFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long pos = 0;
        Entry prev = null;
        for (Entry e : byOffset) {
            if (e.begin < pos) {
                throw new ModelFormatException(file, "tensors '" + prev.name + "' and '" + e.name + "' overlap");
            }
            if (e.begin > pos) throw new ModelFormatException(file, "data bytes " + pos + ".." + e.begin + " belong to no tensor");
            pos = e.end;
            prev = e;
        }
        if (pos != dataLen) {
            throw new ModelFormatException(file, "data section has " + dataLen + " bytes but tensors cover " + pos
                    + (pos < dataLen ? " (trailing bytes)" : ""));
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) throw new ModelFormatException(file, "file is truncated");
        }
        b.flip();
        return b;
    }
}
