package dev.recur.app.melody;

import dev.recur.io.ModelFile;
import dev.recur.io.ModelFormatException;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.nn.Attention;
import dev.recur.nn.Dense;
import dev.recur.nn.Dropout;
import dev.recur.nn.Embedding;
import dev.recur.nn.Layer;
import dev.recur.nn.Lookback;
import dev.recur.nn.Lstm;
import dev.recur.nn.Sequential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The melody language model: embedding of the previous token (or, with {@link Architecture#lookback}, the
 * {@link Lookback} features of Magenta's Lookback RNN: the previous event, the events one and two bars back,
 * repeat flags and the bar position) → stacked LSTM (one {@link Lstm} layer per level, dropout between and
 * after them) → optionally {@link Attention} over the last {@link Architecture#attention} steps (Magenta's
 * Attention RNN) → dense logits over the event vocabulary, one prediction per step. Layer names in
 * model.json/safetensors: {@code embedding} or {@code lookback}, {@code lstm0}, {@code dropout0}, ...,
 * {@code attention}, {@code output}.
 */
public final class MelodyModel {

    /**
     * Network size and structure: LSTM units per layer, LSTM layers, embedding width (unused with lookback),
     * dropout probability, whether the input is the {@link Lookback} encoding, and how many past steps the
     * {@link Attention} layer sees (0 = no attention).
     */
    public record Architecture(int units, int layers, int embedding, float dropout, boolean lookback, int attention) {
        public static final Architecture DEFAULT = new Architecture(256, 2, 64, 0.2f);

        public Architecture {
            if (units <= 0 || layers <= 0 || embedding <= 0) {
                throw new IllegalArgumentException("units, layers and embedding must be positive, got " + units + ", " + layers + ", " + embedding);
            }
            if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            if (attention < 0) throw new IllegalArgumentException("--attention must be >= 0, got " + attention);
        }

        /** A plain model: embedding → LSTMs → output. */
        public Architecture(int units, int layers, int embedding, float dropout) { this(units, layers, embedding, dropout, false, 0); }

        public Architecture withStructure(boolean lookback, int attention) {
            return new Architecture(units, layers, embedding, dropout, lookback, attention);
        }

        /** E.g. "lookback, 2 × LSTM 256, attention over 40 steps". */
        public String describe() {
            return (lookback ? "lookback" : "embedding " + embedding) + ", " + layers + " × LSTM " + units
                    + (attention > 0 ? ", attention over " + attention + " steps" : "");
        }
    }

    public static final String TASK = "melody";

    private final Sequential network;
    private final MelodyEncoding encoding;
    private final Embedding embedding;
    private final Lookback lookback;
    private final List<Lstm> lstms;
    private final Attention attention;
    private final Dense output;
    /** The copy cache fitted with the model (model.json metadata), or null: the network alone. */
    private final CopyWeights copyWeights;

    private MelodyModel(Sequential network, MelodyEncoding encoding, CopyWeights copyWeights) {
        this.network = network;
        this.encoding = encoding;
        this.copyWeights = copyWeights;
        Embedding e = null;
        Lookback lb = null;
        Attention at = null;
        Dense d = null;
        List<Lstm> l = new ArrayList<>();
        for (Layer layer : network.layers()) {
            switch (layer) {
                case Embedding x -> e = x;
                case Lookback x -> lb = x;
                case Lstm x -> l.add(x);
                case Attention x -> at = x;
                case Dense x -> d = x;
                case Dropout x -> { }
                default -> throw new IllegalArgumentException("a melody model has no '" + layer.type() + "' layer");
            }
        }
        if ((e == null) == (lb == null) || d == null || l.isEmpty()) {
            throw new IllegalArgumentException("a melody model needs an embedding or a lookback input, LSTM layers and a dense output");
        }
        int inputs = e != null ? e.numEmbeddings() : lb.numClasses();
        if (inputs != encoding.inputSize() || d.outputSize() != encoding.outputSize()) {
            throw new IllegalArgumentException("model sizes (" + inputs + " inputs, " + d.outputSize()
                    + " outputs) do not match the vocabulary (" + encoding.inputSize() + ", " + encoding.outputSize() + ")");
        }
        for (Lstm x : l) {
            if (x.bidirectional()) throw new IllegalArgumentException("a melody model's LSTM must be unidirectional");
        }
        if (network.layers().getFirst() != (e != null ? e : lb)) throw new IllegalArgumentException("a melody model starts with its input layer");
        this.embedding = e;
        this.lookback = lb;
        this.lstms = List.copyOf(l);
        this.attention = at;
        this.output = d;
    }

    /** A fresh model with seeded PyTorch-style initialisation. */
    public static MelodyModel create(MelodyEncoding encoding, Architecture a, long seed) {
        Sequential.Builder b = Sequential.builder();
        int in;
        if (a.lookback()) {
            Lookback lb = lookbackFor(encoding);
            b.add("lookback", lb);
            in = lb.outputSize();
        } else {
            b.add("embedding", new Embedding(encoding.inputSize(), a.embedding()));
            in = a.embedding();
        }
        for (int i = 0; i < a.layers(); i++) {
            b.add("lstm" + i, new Lstm(in, a.units()));
            if (a.dropout() > 0) b.add("dropout" + i, new Dropout(a.dropout()));
            in = a.units();
        }
        if (a.attention() > 0) {
            b.add("attention", new Attention(in, a.units(), a.attention()));
            in = 2 * in;
        }
        b.add("output", new Dense(in, encoding.outputSize()));
        Sequential net = b.build();
        net.initialize(seed);
        return new MelodyModel(net, encoding, null);
    }

    /**
     * Magenta's lookback encoding for this grid: the events one and two bars back, a binary counter that runs
     * through two bars (5 bits for 16 steps a bar), NO_EVENT before the start.
     */
    static Lookback lookbackFor(MelodyEncoding encoding) {
        int bar = encoding.stepsPerBar();
        int bits = 32 - Integer.numberOfLeadingZeros(2 * bar - 1);
        return new Lookback(encoding.inputSize(), new int[] {bar, 2 * bar}, bits, MelodyVocabulary.NO_EVENT_ID);
    }

    /** Loads a model directory written by {@link #save}. */
    public static MelodyModel load(Path dir) throws IOException {
        ModelFile f = ModelStore.load(dir);
        Path json = dir.resolve(ModelStore.CONFIG_FILE);
        if (!TASK.equals(f.info().task())) {
            throw new ModelFormatException(json, "task is \"" + f.info().task() + "\", expected \"" + TASK + "\"");
        }
        try {
            return new MelodyModel(f.model(), MelodyEncoding.fromFeatures(f.info().features()), CopyWeights.of(f.info().metadata()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage());
        }
    }

    /**
     * How {@code generate} samples a model when not told, from its model.json (read once): how much of the copy
     * cache to mix in, and the pitch temperature and top-p with and without it.
     *
     * @param plainTemperature the pitch temperature without the cache: the one training recorded for the corpus size
     *                         ({@link CorpusScaling#pitchTemperature}), or 0.9 for a model without one
     * @param cached           what training recorded for sampling with the cache ({@link FittedCache#generationOf})
     */
    public record SamplingDefaults(double plainTemperature, FittedCache.Generation cached) {
        public static SamplingDefaults of(Path dir) throws IOException {
            Map<String, Object> metadata = ModelStore.info(dir).metadata();
            Object t = metadata.get(CorpusScaling.PITCH_TEMPERATURE_KEY);
            double plain = t instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : CorpusScaling.LARGE_PITCH_TEMPERATURE;
            return new SamplingDefaults(plain, FittedCache.generationOf(metadata));
        }

        /** How much of its copy cache to mix in: what training recorded (1), 0 for a model without a cache or that entry. */
        public double cacheScale() { return cached.scale(); }

        /** The pitch temperature with ({@code withCache}) or without the copy cache. */
        public double pitchTemperature(boolean withCache) {
            return withCache && !Double.isNaN(cached.pitchTemperature()) ? cached.pitchTemperature() : plainTemperature;
        }

        /** The top-p of the pitch draw: with the copy cache the one training recorded for it, without it 1 (every pitch). */
        public double topP(boolean withCache) { return withCache ? cached.topP() : 1; }
    }

    /** Writes model.safetensors + model.json (atomically) with the given metadata. */
    public void save(Path dir, Map<String, Object> metadata) throws IOException {
        ModelStore.save(dir, network, ModelInfo.of(TASK).withFeatures(encoding.toFeatures()).withMetadata(metadata));
    }

    public Sequential network() { return network; }
    public MelodyEncoding encoding() { return encoding; }
    /** The embedding, or null when the input is the lookback encoding. */
    public Embedding embedding() { return embedding; }
    /** The lookback input layer, or null. */
    public Lookback lookback() { return lookback; }
    public List<Lstm> lstms() { return lstms; }
    /** The attention layer, or null. */
    public Attention attention() { return attention; }
    public Dense output() { return output; }
    /** The copy cache stored with the model ({@value CopyWeights#KEY} in model.json's metadata), or null when there is none. */
    public CopyWeights copyWeights() { return copyWeights; }

    public Architecture architecture() {
        float p = 0;
        for (Layer l : network.layers()) if (l instanceof Dropout d) p = d.p();
        int emb = embedding != null ? embedding.outputSize() : Architecture.DEFAULT.embedding();
        return new Architecture(lstms.getFirst().hiddenSize(), lstms.size(), emb, p, lookback != null,
                attention == null ? 0 : attention.length());
    }
}
