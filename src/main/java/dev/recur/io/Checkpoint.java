package dev.recur.io;

import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import dev.recur.train.Optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: a model directory ({@link ModelStore}, so a checkpoint is also a usable model) plus
 * {@code optimizer.safetensors} with the optimizer's state and, as string metadata, its kind, learning rate
 * and whatever progress the caller records (epoch, best score, ...). Each file is replaced atomically.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String KIND = "optimizer", LR = "learning_rate";

    public static void save(Path dir, Sequential model, ModelInfo info, Optimizer optimizer, Map<String, String> progress)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(progress == null ? Map.of() : progress);
        meta.put(KIND, optimizer.getClass().getSimpleName());
        meta.put(LR, Double.toString(optimizer.learningRate()));
        Path file = dir.resolve(OPTIMIZER_FILE);
        // A crash between the two saves can pair newer optimizer moments with older weights: resuming then
        // still works (shapes agree), it only starts from slightly stale moments.
        Files.createDirectories(dir);
        AtomicFiles.write(file, SafeTensors.writer(file, optimizer.state(), meta));
        ModelStore.save(dir, model, info);
    }

    /** The model of a checkpoint (same as {@link ModelStore#load}). */
    public static ModelFile loadModel(Path dir) throws IOException { return ModelStore.load(dir); }

    /**
     * Restores the optimizer state saved with the model whose parameters {@code optimizer} was built on,
     * including its learning rate, and returns the progress metadata.
     */
    public static Map<String, String> restoreOptimizer(Path dir, Optimizer optimizer) throws IOException {
        Path file = dir.resolve(OPTIMIZER_FILE);
        SafeTensors.Contents c = SafeTensors.read(file);
        String kind = c.metadata().get(KIND);
        if (kind != null && !kind.equals(optimizer.getClass().getSimpleName())) {
            throw new ModelFormatException(file, "state of a " + kind + " optimizer cannot resume a "
                    + optimizer.getClass().getSimpleName());
        }
        Map<String, Tensor> state = c.tensors();
        try {
            optimizer.loadState(state);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage());
        }
        String lr = c.metadata().get(LR);
        if (lr != null) {
            try {
                optimizer.setLearningRate(Double.parseDouble(lr));
            } catch (NumberFormatException e) {
                throw new ModelFormatException(file, "learning_rate '" + lr + "' is not a number");
            }
        }
        Map<String, String> progress = new LinkedHashMap<>(c.metadata());
        progress.remove(KIND);
        progress.remove(LR);
        return progress;
    }
}
