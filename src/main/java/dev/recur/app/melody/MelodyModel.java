package dev.recur.app.melody;

import dev.recur.io.ModelFile;
import dev.recur.io.ModelFormatException;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Dense;
import dev.recur.nn.Dropout;
import dev.recur.nn.Embedding;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.Sequential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The melody language model: embedding of the previous token → stacked LSTM (one {@link Lstm} layer per
 * level, dropout between and after them) → dense logits over the event vocabulary, one prediction per step.
 * Layer names in model.json/safetensors: {@code embedding}, {@code lstm0}, {@code dropout0}, ...,
 * {@code output}.
 */
public final class MelodyModel {

    /** Network size: LSTM units per layer, LSTM layers, embedding width, dropout probability. */
    public record Architecture(int units, int layers, int embedding, float dropout) {
        public static final Architecture DEFAULT = new Architecture(256, 2, 64, 0.2f);

        public Architecture {
            if (units <= 0 || layers <= 0 || embedding <= 0) {
                throw new IllegalArgumentException("units, layers and embedding must be positive, got " + units + ", " + layers + ", " + embedding);
            }
            if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    public static final String TASK = "melody";

    private final Sequential network;
    private final MelodyEncoding encoding;
    private final Embedding embedding;
    private final List<Lstm> lstms;
    private final Dense output;

    private MelodyModel(Sequential network, MelodyEncoding encoding) {
        this.network = network;
        this.encoding = encoding;
        Embedding e = null;
        Dense d = null;
        List<Lstm> l = new ArrayList<>();
        for (Layer layer : network.layers()) {
            switch (layer) {
                case Embedding x -> e = x;
                case Lstm x -> l.add(x);
                case Dense x -> d = x;
                case Dropout x -> { }
                default -> throw new IllegalArgumentException("a melody model has no '" + layer.type() + "' layer");
            }
        }
        if (e == null || d == null || l.isEmpty()) {
            throw new IllegalArgumentException("a melody model needs an embedding, LSTM layers and a dense output");
        }
        if (e.numEmbeddings() != encoding.inputSize() || d.outputSize() != encoding.outputSize()) {
            throw new IllegalArgumentException("model sizes (" + e.numEmbeddings() + " inputs, " + d.outputSize()
                    + " outputs) do not match the vocabulary (" + encoding.inputSize() + ", " + encoding.outputSize() + ")");
        }
        for (Lstm x : l) {
            if (x.bidirectional()) throw new IllegalArgumentException("a melody model's LSTM must be unidirectional");
        }
        this.embedding = e;
        this.lstms = List.copyOf(l);
        this.output = d;
    }

    /** A fresh model with seeded PyTorch-style initialisation. */
    public static MelodyModel create(MelodyEncoding encoding, Architecture a, long seed) {
        Sequential.Builder b = Sequential.builder();
        b.add("embedding", new Embedding(encoding.inputSize(), a.embedding()));
        int in = a.embedding();
        for (int i = 0; i < a.layers(); i++) {
            b.add("lstm" + i, new Lstm(in, a.units()));
            if (a.dropout() > 0) b.add("dropout" + i, new Dropout(a.dropout()));
            in = a.units();
        }
        b.add("output", new Dense(in, encoding.outputSize()));
        Sequential net = b.build();
        net.initialize(seed);
        return new MelodyModel(net, encoding);
    }

    /** Loads a model directory written by {@link #save}. */
    public static MelodyModel load(Path dir) throws IOException {
        ModelFile f = ModelStore.load(dir);
        Path json = dir.resolve(ModelStore.CONFIG_FILE);
        if (!TASK.equals(f.info().task())) {
            throw new ModelFormatException(json, "task is \"" + f.info().task() + "\", expected \"" + TASK + "\"");
        }
        try {
            return new MelodyModel(f.model(), MelodyEncoding.fromFeatures(f.info().features()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage());
        }
    }

    /** Writes model.safetensors + model.json (atomically) with the given metadata. */
    public void save(Path dir, Map<String, Object> metadata) throws IOException {
        ModelStore.save(dir, network, ModelInfo.of(TASK).withFeatures(encoding.toFeatures()).withMetadata(metadata));
    }

    public Sequential network() { return network; }
    public MelodyEncoding encoding() { return encoding; }
    public Embedding embedding() { return embedding; }
    public List<Lstm> lstms() { return lstms; }
    public Dense output() { return output; }

    public Architecture architecture() {
        float p = 0;
        for (Layer l : network.layers()) if (l instanceof Dropout d) p = d.p();
        return new Architecture(lstms.getFirst().hiddenSize(), lstms.size(), embedding.outputSize(), p);
    }
}
