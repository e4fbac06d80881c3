package dev.recur.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recur.files.AtomicFiles;
import dev.recur.nn.Layer;
import dev.recur.nn.Layers;
import dev.recur.nn.Param;
import dev.recur.nn.ParamShapes;
import dev.recur.nn.Sequential;
import dev.recur.tensor.MemoryBudget;
import dev.recur.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model directory: {@code model.safetensors} (weights under {@link Sequential#namedParams()} names, the
 * keys of PyTorch's state_dict) and {@code model.json} (layers, task, labels, features, normalization,
 * metadata; the schema is in docs/model-format.md). Loading checks that the two agree.
 */
public final class ModelStore {
    private ModelStore() {}

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CONFIG_FILE = "model.json";
    public static final String FORMAT = "recur-model";
    public static final int VERSION = 1;

    private static final Set<String> TOP_KEYS = Set.of("format", "version", "task", "layers", "labels",
            "features", "normalization", "metadata");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Writes both files; each is replaced atomically, and both are complete on disk before either is replaced. */
    public static void save(Path dir, Sequential model, ModelInfo info) throws IOException {
        checkInfo(model, info);
        Files.createDirectories(dir);
        Path weights = dir.resolve(WEIGHTS_FILE), config = dir.resolve(CONFIG_FILE);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParams().forEach((name, p) -> tensors.put(name, p.value()));
        byte[] json = JSON.writeValueAsBytes(toJson(model, info));
        Path stagedWeights = null, stagedConfig = null;
        try {
            stagedWeights = AtomicFiles.stage(weights, SafeTensors.writer(weights, tensors, Map.of("format", "pt")));
            stagedConfig = AtomicFiles.stage(config, out -> { out.write(json); out.write('\n'); });
            AtomicFiles.commit(stagedWeights, weights);
            stagedWeights = null;
            AtomicFiles.commit(stagedConfig, config);
            stagedConfig = null;
        } finally {
            AtomicFiles.discard(stagedWeights);
            AtomicFiles.discard(stagedConfig);
        }
    }

    /**
     * Reads model.json, checks the parameter shapes its layers declare against model.safetensors' header and the
     * heap (nothing allocated yet: a model.json claiming hidden_size 20000 next to small weights is refused in
     * a line, not an OutOfMemoryError), then builds the layers and fills them.
     */
    public static ModelFile load(Path dir) throws IOException {
        Path config = dir.resolve(CONFIG_FILE), weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isDirectory(dir)) throw new ModelFormatException(dir, "model directory not found");
        JsonNode root = readJson(config);
        Map<String, long[]> declared = declaredShapes(config, root);
        ModelInfo info = readInfo(config, root);
        long n = ParamShapes.count(declared);
        Map<String, int[]> stored = Files.exists(weights) ? SafeTensors.shapes(weights) : null;
        // A model.json claiming more than the weights hold is refused before anything is built; a smaller one is
        // built first, so a model.json that contradicts itself is reported as such rather than as a weights mismatch.
        if (stored == null && n > SMALL_MODEL) throw new ModelFormatException(weights, "file not found");
        if (stored != null && n > Math.max(SMALL_MODEL, ParamShapes.count(toLong(stored)))) checkShapes(weights, declared, stored);
        try {
            // the layers' values and gradients, and the file's values while they are copied in
            MemoryBudget.require(12 * n, "a model of " + n + " parameters");
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(config, e.getMessage());
        }
        Sequential model = buildModel(config, root);
        try {
            checkInfo(model, info);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(config, e.getMessage());
        }
        if (stored == null) throw new ModelFormatException(weights, "file not found");
        checkShapes(weights, declared, stored);
        fillWeights(weights, model, SafeTensors.read(weights).tensors());
        return new ModelFile(model, info);
    }

    /** What model.json says of the model (task, labels, features, metadata), without building it or reading the weights. */
    public static ModelInfo info(Path dir) throws IOException {
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isDirectory(dir)) throw new ModelFormatException(dir, "model directory not found");
        return readInfo(config, readJson(config));
    }

    /** Parameters a model may have to be built before its weights are compared (4 MB of floats). */
    private static final long SMALL_MODEL = 1 << 20;

    private static Map<String, long[]> toLong(Map<String, int[]> shapes) {
        Map<String, long[]> out = new LinkedHashMap<>();
        shapes.forEach((k, v) -> out.put(k, Arrays.stream(v).asLongStream().toArray()));
        return out;
    }

    /** The parameter shapes model.json's layers declare, sizes that cannot exist refused naming the fields. */
    private static Map<String, long[]> declaredShapes(Path config, JsonNode root) throws ModelFormatException {
        try {
            return Layers.paramShapes(Sequential.TYPE, Map.of("layers", layerSpecs(config, root)));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(config, "layers: " + e.getMessage());
        }
    }

    /** The weights file holds exactly the declared tensors, each with its declared shape. */
    private static void checkShapes(Path weights, Map<String, long[]> declared, Map<String, int[]> stored) throws ModelFormatException {
        for (String name : stored.keySet()) {
            if (!declared.containsKey(name)) {
                throw new ModelFormatException(weights, "tensor '" + name + "' matches no parameter of the layers in "
                        + CONFIG_FILE + " (expected " + names(declared.keySet()) + ")");
            }
        }
        for (Map.Entry<String, long[]> e : declared.entrySet()) {
            String layer = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            int[] s = stored.get(e.getKey());
            if (s == null) {
                throw new ModelFormatException(weights, "missing tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue())
                        + " for layer " + layer);
            }
            if (!Arrays.equals(Arrays.stream(s).asLongStream().toArray(), e.getValue())) {
                throw new ModelFormatException(weights, "tensor '" + e.getKey() + "' has shape " + Arrays.toString(s)
                        + " but layer " + layer + " in " + CONFIG_FILE + " needs " + Arrays.toString(e.getValue()));
            }
        }
    }

    /** At most a dozen names, for messages. */
    private static String names(java.util.Collection<String> names) {
        List<String> shown = names.stream().limit(12).toList();
        return String.join(", ", shown) + (names.size() > shown.size() ? ", ... (" + names.size() + " in all)" : "");
    }

    // ---- model.json ----

    private static ObjectNode toJson(Sequential model, ModelInfo info) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("task", info.task());
        root.set("layers", JSON.valueToTree(model.config().get("layers")));
        if (!info.labels().isEmpty()) {
            ArrayNode labels = root.putArray("labels");
            info.labels().forEach(labels::add);
        }
        root.set("features", JSON.valueToTree(info.features()));
        if (info.normalization() != null) {
            ObjectNode n = root.putObject("normalization");
            ArrayNode mean = n.putArray("mean"), std = n.putArray("std");
            for (float v : info.normalization().mean()) mean.add(v);
            for (float v : info.normalization().std()) std.add(v);
        }
        root.set("metadata", JSON.valueToTree(info.metadata()));
        return root;
    }

    private static JsonNode readJson(Path config) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(config, "file not found");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(config, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) throw new ModelFormatException(config, "not a JSON object");
        for (String key : iterable(root.fieldNames())) {
            if (!TOP_KEYS.contains(key)) {
                throw new ModelFormatException(config, "unknown key '" + key + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null)) || !format.isTextual()) {
            throw new ModelFormatException(config, "\"format\" must be \"" + FORMAT + "\", got " + format);
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) throw new ModelFormatException(config, "\"version\" must be an integer, got " + version);
        if (version.asInt() != VERSION) {
            throw new ModelFormatException(config, "version " + version.asText() + " is not supported (this Recur reads version " + VERSION + ")");
        }
        return root;
    }

    private static List<Object> layerSpecs(Path config, JsonNode root) throws ModelFormatException {
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            throw new ModelFormatException(config, "\"layers\" must be a non-empty list of {name, type, config}");
        }
        return JSON.convertValue(layers, JSON.getTypeFactory().constructCollectionType(List.class, Object.class));
    }

    private static Sequential buildModel(Path config, JsonNode root) throws ModelFormatException {
        List<Object> specs = layerSpecs(config, root);
        try {
            Layer l = Layers.fromConfig(Sequential.TYPE, Map.of("layers", specs));
            return (Sequential) l;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(config, "layers: " + e.getMessage());
        }
    }

    private static ModelInfo readInfo(Path config, JsonNode root) throws ModelFormatException {
        JsonNode task = root.get("task");
        if (task == null || !task.isTextual() || task.asText().isBlank()) {
            throw new ModelFormatException(config, "\"task\" must be a non-empty string, got " + task);
        }
        List<String> labels = new ArrayList<>();
        JsonNode l = root.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isArray()) throw new ModelFormatException(config, "\"labels\" must be a list of strings");
            for (JsonNode e : l) {
                if (!e.isTextual()) throw new ModelFormatException(config, "\"labels\" must be a list of strings, found " + e);
                labels.add(e.asText());
            }
            if (Set.copyOf(labels).size() != labels.size()) throw new ModelFormatException(config, "\"labels\" has duplicates");
        }
        Normalization norm = null;
        JsonNode n = root.get("normalization");
        if (n != null && !n.isNull()) {
            if (!n.isObject() || n.size() != 2) throw new ModelFormatException(config, "\"normalization\" must be {\"mean\": [...], \"std\": [...]}");
            try {
                norm = new Normalization(floats(config, n, "mean"), floats(config, n, "std"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(config, e.getMessage());
            }
        }
        return new ModelInfo(task.asText(), labels, freeForm(config, root, "features"), norm, freeForm(config, root, "metadata"));
    }

    private static float[] floats(Path config, JsonNode parent, String key) throws ModelFormatException {
        JsonNode a = parent.get(key);
        if (a == null || !a.isArray()) throw new ModelFormatException(config, "normalization." + key + " must be a list of numbers");
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) throw new ModelFormatException(config, "normalization." + key + "[" + i + "] is not a number");
            out[i] = a.get(i).floatValue();
        }
        return out;
    }

    private static Map<String, Object> freeForm(Path config, JsonNode root, String key) throws ModelFormatException {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw new ModelFormatException(config, "\"" + key + "\" must be a JSON object");
        return JSON.convertValue(node, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    /** Labels must match the output size and normalization the input size, when those sizes are fixed. */
    private static void checkInfo(Sequential model, ModelInfo info) {
        if (!info.labels().isEmpty() && model.outputSize() != Layer.ANY_SIZE && info.labels().size() != model.outputSize()) {
            throw new IllegalArgumentException(info.labels().size() + " labels for a model with " + model.outputSize() + " outputs");
        }
        Normalization n = info.normalization();
        if (n != null && model.inputSize() != Layer.ANY_SIZE && n.size() != model.inputSize()) {
            throw new IllegalArgumentException("normalization has " + n.size() + " values for a model with " + model.inputSize() + " inputs");
        }
    }

    // ---- model.safetensors ----

    private static void fillWeights(Path weights, Sequential model, Map<String, Tensor> tensors) throws ModelFormatException {
        Map<String, Param> params = model.namedParams();
        for (String name : tensors.keySet()) {
            if (!params.containsKey(name)) {
                throw new ModelFormatException(weights, "tensor '" + name + "' matches no parameter of the layers in "
                        + CONFIG_FILE + " (expected " + names(params.keySet()) + ")");
            }
        }
        for (Map.Entry<String, Param> e : params.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            Tensor target = e.getValue().value();
            String layer = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            if (t == null) {
                throw new ModelFormatException(weights, "missing tensor '" + e.getKey() + "' " + target.shapeString()
                        + " for layer " + layer);
            }
            if (!t.sameShape(target)) {
                throw new ModelFormatException(weights, "tensor '" + e.getKey() + "' has shape " + t.shapeString()
                        + " but layer " + layer + " in " + CONFIG_FILE + " needs " + target.shapeString());
            }
            float[] v = t.data();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) throw new ModelFormatException(weights, "tensor '" + e.getKey() + "' holds " + v[i] + " at index " + i);
            }
            System.arraycopy(v, 0, target.data(), 0, v.length);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) { return () -> it; }

}
