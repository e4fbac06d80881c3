package dev.recur.app.melody;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.data.MelodyDataset;
import dev.recur.files.AtomicFiles;
import dev.recur.eval.NGramModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a melody model folder keeps besides the network: the n-gram baseline that training fitted on the
 * same training sequences ({@value #NGRAM_FILE}), so {@code recur evaluate} can score both side by side on
 * any folder, and the held-out files of the split ({@value #HELD_OUT_FILE}, paths relative to the training
 * folder), so the evaluation can be restricted to music the model never trained on.
 */
public final class MelodyBaseline {
    public static final String NGRAM_FILE = "ngram.json";
    public static final String HELD_OUT_FILE = "heldout.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MelodyBaseline() {}

    public static void save(Path modelDir, NGramModel ngram) throws IOException {
        AtomicFiles.writeString(modelDir.resolve(NGRAM_FILE), JSON.writeValueAsString(ngram.toMap()));
    }

    /** The baseline stored with a model, or null when the folder has none (models trained before it was kept). */
    public static NGramModel load(Path modelDir) throws IOException {
        Path f = modelDir.resolve(NGRAM_FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            Map<?, ?> raw = JSON.readValue(f.toFile(), Map.class);
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            raw.forEach((k, v) -> m.put(String.valueOf(k), v));
            return NGramModel.fromMap(m);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(f + ": not an n-gram baseline (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    public static void saveHeldOut(Path modelDir, Path midiDir, List<MelodyDataset.Item> heldOut) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (MelodyDataset.Item it : heldOut) sb.append(midiDir.relativize(it.file()).toString().replace('\\', '/')).append('\n');
        AtomicFiles.writeString(modelDir.resolve(HELD_OUT_FILE), sb.toString());
    }

    /** The held-out files, relative to the training folder; throws when the model folder has no list. */
    public static List<String> heldOut(Path modelDir) throws IOException {
        Path f = modelDir.resolve(HELD_OUT_FILE);
        if (!Files.isRegularFile(f)) throw new IOException(f + ": missing (the model was trained before held-out lists were kept)");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(line.strip());
        return out;
    }
}
