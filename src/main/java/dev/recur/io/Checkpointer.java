package dev.recur.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.recur.files.AtomicFiles;
import dev.recur.nn.Sequential;
import dev.recur.train.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Crash-safe training checkpoints under {@code MODEL_DIR/checkpoints/}. Each checkpoint is a directory
 * {@code epoch-00000012-step-000000003456/} holding a complete model directory ({@code model.json},
 * {@code model.safetensors}: usable as a model as it is), {@code optimizer.safetensors}, {@code state.safetensors}
 * (the loop's tensors, e.g. best weights) and {@code progress.json}.
 *
 * <p>A checkpoint is written into a hidden {@code .tmp-*} directory, every file forced to disk, and then the
 * directory is renamed to its final name (and the parent synced). So a directory with a checkpoint name is
 * always complete, whatever moment the process dies at; leftovers of an interrupted write are hidden and
 * removed by the next save. The newest {@code keep} checkpoints are kept, older ones removed after a new
 * one is in place.
 */
public final class Checkpointer {
    public static final String DIR = "checkpoints";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors", STATE_FILE = "state.safetensors", PROGRESS_FILE = "progress.json";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{8,})-step-(\\d{12,})");
    private static final String KIND = "optimizer", LR = "learning_rate";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path root;
    private final int keep;

    /** Checkpoints of the model directory {@code modelDir}, keeping the newest {@code keep} (at least 1). */
    public Checkpointer(Path modelDir, int keep) {
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        this.root = modelDir.resolve(DIR);
        this.keep = keep;
    }

    public Checkpointer(Path modelDir) { this(modelDir, 2); }

    /** A checkpoint read back: where it is, the model (weights = the model's weights at that time) and the loop state. */
    public record Loaded(Path dir, ModelFile model, TrainingState state) {}

    public Path root() { return root; }

    /** Writes a checkpoint of {@code model} (with {@code info}, as {@link ModelStore#save}) and {@code state}; returns its directory. */
    public Path save(Sequential model, ModelInfo info, TrainingState state) throws IOException {
        Files.createDirectories(root);
        removeLeftovers();
        String name = String.format("epoch-%08d-step-%012d", state.epoch(), state.step());
        Path tmp = root.resolve(".tmp-" + name + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        Files.createDirectory(tmp);
        try {
            ModelStore.save(tmp, model, info);
            Map<String, String> optMeta = new LinkedHashMap<>();
            optMeta.put(KIND, state.optimizerKind());
            optMeta.put(LR, Double.toString(state.learningRate()));
            SafeTensors.write(tmp.resolve(OPTIMIZER_FILE), state.optimizerState(), optMeta);
            SafeTensors.write(tmp.resolve(STATE_FILE), state.tensors(), Map.of());
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("epoch", state.epoch());
            progress.put("step", state.step());
            progress.put("seed", state.seed());
            progress.put("progress", state.progress());
            byte[] json = JSON.writeValueAsBytes(progress);
            AtomicFiles.write(tmp.resolve(PROGRESS_FILE), out -> out.write(json));
            AtomicFiles.syncDirectory(tmp);
            Path target = root.resolve(name);
            if (Files.exists(target)) retire(target);   // same epoch and step saved again: replace
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(root);
            tmp = null;
            prune();
            return target;
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** Complete checkpoints, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())).toList();
        }
    }

    /** {@link #latest(Consumer)}, passing over damaged checkpoints silently. */
    public Optional<Loaded> latest() throws IOException { return latest(problem -> {}); }

    /**
     * The newest checkpoint that loads, or empty when there is none. A newest checkpoint that fails to load
     * (a damaged disk, a file edited by hand) falls back to the one before, and {@code passedOver} hears why
     * (one line naming the file); if none loads, the newest one's problem is thrown.
     */
    public Optional<Loaded> latest(Consumer<String> passedOver) throws IOException {
        List<Path> all = new ArrayList<>(list());
        IOException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(load(all.get(i)));
            } catch (IOException e) {
                if (first == null) first = e;
                if (i > 0) passedOver.accept(e.getMessage() + "; trying the checkpoint before it");
            }
        }
        if (first != null) throw first;
        return Optional.empty();
    }

    /** Reads one checkpoint directory. */
    public static Loaded load(Path dir) throws IOException {
        ModelFile model = ModelStore.load(dir);
        Path optFile = dir.resolve(OPTIMIZER_FILE), stateFile = dir.resolve(STATE_FILE), progFile = dir.resolve(PROGRESS_FILE);
        SafeTensors.Contents opt = SafeTensors.read(optFile);
        String kind = opt.metadata().get(KIND);
        if (kind == null) throw new ModelFormatException(optFile, "no '" + KIND + "' in the metadata");
        double lr;
        try {
            lr = Double.parseDouble(opt.metadata().getOrDefault(LR, ""));
        } catch (NumberFormatException e) {
            throw new ModelFormatException(optFile, "learning_rate '" + opt.metadata().get(LR) + "' is not a number");
        }
        SafeTensors.Contents tensors = SafeTensors.read(stateFile);
        Map<String, Object> p;
        try {
            p = JSON.readValue(Files.readAllBytes(progFile), JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(progFile, "file not found");
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(progFile, "not valid JSON: " + e.getOriginalMessage());
        }
        long epoch = number(progFile, p, "epoch"), step = number(progFile, p, "step"), seed = number(progFile, p, "seed");
        if (!(p.get("progress") instanceof Map<?, ?> prog)) throw new ModelFormatException(progFile, "\"progress\" must be an object");
        Map<String, Object> progress = new LinkedHashMap<>();
        prog.forEach((k, v) -> progress.put(String.valueOf(k), v));
        try {
            return new Loaded(dir, model, new TrainingState(epoch, step, seed, kind, lr, opt.tensors(), tensors.tensors(), progress));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(progFile, e.getMessage());
        }
    }

    private static long number(Path file, Map<String, Object> p, String key) throws ModelFormatException {
        if (!(p.get(key) instanceof Number n) || n instanceof Double || n instanceof Float) {
            throw new ModelFormatException(file, "\"" + key + "\" must be an integer, got " + p.get(key));
        }
        return n.longValue();
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) retire(all.get(i));
    }

    /** Renames a checkpoint out of the visible set first, so a crash mid-delete never leaves a partial one visible. */
    private void retire(Path dir) throws IOException {
        Path gone = root.resolve(".del-" + dir.getFileName() + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(root);
        deleteTree(gone);
    }

    private void removeLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".tmp-") || n.startsWith(".del-")) deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
