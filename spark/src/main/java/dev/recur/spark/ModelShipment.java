package dev.recur.spark;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.SegmentSettings;
import dev.recur.io.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A model folder on its way to the executors. The driver reads the files that define the model
 * ({@code model.json}, {@code model.safetensors}) from any path Hadoop reads, loads them once to check them
 * (a missing or damaged model is one error before any task runs), and ships their bytes in a broadcast; each
 * executor JVM loads the classifier once, on its first task, and shares it across its tasks and rows (a loaded
 * model is thread-safe). The model id is the SHA-256 of those files.
 */
public final class ModelShipment implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The files that decide the model's answers, in the order they are hashed. */
    static final List<String> FILES = List.of(ModelStore.CONFIG_FILE, ModelStore.WEIGHTS_FILE);

    private static final Map<String, GenreClassifier> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final String source;
    private final String id;
    private final LinkedHashMap<String, byte[]> files;
    private final List<String> labels;

    private ModelShipment(String source, String id, LinkedHashMap<String, byte[]> files, List<String> labels) {
        this.source = source;
        this.id = id;
        this.files = files;
        this.labels = List.copyOf(labels);
    }

    /** The folder as the user named it. */
    public String source() { return source; }
    /** SHA-256 (hex) of model.json and model.safetensors: names, lengths and bytes. */
    public String id() { return id; }
    public List<String> labels() { return labels; }

    /**
     * Reads and checks a model folder on the driver. Messages are one line naming the folder or file and the
     * problem, as {@code recur classify} gives them.
     */
    public static ModelShipment read(String dir, Configuration hadoop) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs;
        try {
            fs = root.getFileSystem(hadoop);
        } catch (IOException | RuntimeException e) {
            throw new IOException(dir + ": cannot reach the model folder (" + e.getMessage() + ")");
        }
        if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) throw new IOException(dir + ": model directory not found");
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(root, name);
            if (!fs.exists(p)) continue; // the core names the missing file below
            try (InputStream in = fs.open(p)) {
                files.put(name, in.readAllBytes());
            }
        }
        ModelShipment m = new ModelShipment(dir, hash(files), files, List.of());
        GenreClassifier c = m.loadHere();
        LOADED.putIfAbsent(m.id, c); // in local mode the driver is also the executor: one load in all
        return new ModelShipment(dir, m.id, files, c.labels());
    }

    static String hash(Map<String, byte[]> files) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            d.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(ByteBuffer.allocate(8).putLong(f.getValue().length).array());
            d.update(f.getValue());
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The id of a local model folder, as the jobs write it in {@code model_id}. */
    public static String idOf(Path dir) throws IOException {
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) files.put(name, Files.readAllBytes(p));
        }
        return hash(files);
    }

    /** The classifier, loaded once per JVM and model id. */
    GenreClassifier classifier() {
        return LOADED.computeIfAbsent(id, k -> {
            try {
                return loadHere();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How many times this JVM has loaded a model (tests check that it is once). */
    static int loads() { return LOADS.get(); }

    /** Drops the loaded models, as a fresh executor JVM starts (tests). */
    static void forgetLoaded() { LOADED.clear(); }

    /** The segment settings the model was trained on (consecutive segments, a short tail dropped). */
    MfccSettings mfccSettings() {
        GenreClassifier c = classifier();
        return new MfccSettings(c.features(), new SegmentSettings(c.segmentSeconds(), 0, false));
    }

    /** Writes the files to a temporary folder and loads them with the core's loader; messages name the source. */
    private GenreClassifier loadHere() throws IOException {
        Path tmp = Files.createTempDirectory("recur-model-");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) Files.write(tmp.resolve(f.getKey()), f.getValue());
            GenreClassifier c = CoreCalls.loadClassifier(tmp);
            LOADS.incrementAndGet();
            return c;
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(m.replace(tmp.toString(), source.replaceAll("/+$", "")), e);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
