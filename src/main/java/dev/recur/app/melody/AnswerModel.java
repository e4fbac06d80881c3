package dev.recur.app.melody;

import dev.recur.io.ModelFile;
import dev.recur.io.ModelFormatException;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Embedding;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Call → response (an encoder–decoder, input length L_x → output length L_y): an encoder (embedding →
 * stacked LSTM) reads the call; the final state of each encoder LSTM layer is the initial state of the
 * matching layer of the decoder, a {@link MelodyModel} that then writes the response from its start token.
 * States move through {@link ForwardPass} (initial/final states forward, state gradients backward).
 *
 * <p>On disk: the decoder is an ordinary melody model folder (model.json + model.safetensors, metadata
 * {@code "answer": true}); the encoder sits in its {@code encoder/} subfolder (task "melody-encoder").
 */
public final class AnswerModel {
    public static final String ENCODER_DIR = "encoder";
    public static final String ENCODER_TASK = "melody-encoder";

    private final Sequential encoder;
    private final List<Lstm> encoderLstms;
    private final MelodyModel decoder;
    private int phraseBars = 2;

    private AnswerModel(Sequential encoder, MelodyModel decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        List<Lstm> l = new ArrayList<>();
        for (Layer layer : encoder.layers()) if (layer instanceof Lstm x) l.add(x);
        if (l.size() != decoder.lstms().size()) {
            throw new IllegalArgumentException("encoder has " + l.size() + " LSTM layers, decoder " + decoder.lstms().size());
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).hiddenSize() != decoder.lstms().get(i).hiddenSize()) {
                throw new IllegalArgumentException("encoder and decoder LSTM layer " + i + " differ in size");
            }
        }
        this.encoderLstms = List.copyOf(l);
    }

    public static AnswerModel create(MelodyEncoding enc, MelodyModel.Architecture a, long seed) {
        Sequential.Builder b = Sequential.builder();
        b.add("embedding", new Embedding(enc.outputSize(), a.embedding()));
        int in = a.embedding();
        for (int i = 0; i < a.layers(); i++) {
            b.add("lstm" + i, new Lstm(in, a.units()));
            in = a.units();
        }
        Sequential encoder = b.build();
        encoder.initialize(seed + 1);
        return new AnswerModel(encoder, MelodyModel.create(enc, a, seed));
    }

    public static boolean isAnswerModel(Path dir) { return Files.isDirectory(dir.resolve(ENCODER_DIR)); }

    public static AnswerModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new ModelFormatException(dir, "model directory not found");
        if (!isAnswerModel(dir)) {
            throw new ModelFormatException(dir, "not a call/response model (no " + ENCODER_DIR + "/ folder; train it with train-melody --answer)");
        }
        MelodyModel decoder = MelodyModel.load(dir);
        Path encDir = dir.resolve(ENCODER_DIR);
        ModelFile f = ModelStore.load(encDir);
        if (!ENCODER_TASK.equals(f.info().task())) {
            throw new ModelFormatException(encDir.resolve(ModelStore.CONFIG_FILE), "task is \"" + f.info().task() + "\", expected \"" + ENCODER_TASK + "\"");
        }
        try {
            AnswerModel m = new AnswerModel(f.model(), decoder);
            if (f.info().metadata().get("phrase_bars") instanceof Number n) m.phraseBars = n.intValue();
            return m;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(encDir, e.getMessage());
        }
    }

    public void save(Path dir, Map<String, Object> metadata) throws IOException {
        Map<String, Object> md = new java.util.LinkedHashMap<>(metadata);
        md.put("answer", true);
        decoder.save(dir, md);
        ModelStore.save(dir.resolve(ENCODER_DIR), encoder,
                ModelInfo.of(ENCODER_TASK).withFeatures(decoder.encoding().toFeatures()).withMetadata(md));
    }

    /** Bars per phrase it was trained on (2 unless model.json says otherwise). */
    public int phraseBars() { return phraseBars; }
    public int phraseSteps() { return phraseBars * encoding().stepsPerBar(); }

    public Sequential encoder() { return encoder; }
    public List<Lstm> encoderLstms() { return encoderLstms; }
    public MelodyModel decoder() { return decoder; }
    public MelodyEncoding encoding() { return decoder.encoding(); }

    /** Encoder input for a batch of calls of equal or padded length. */
    static Seq callBatch(List<int[]> calls) {
        int batch = calls.size(), steps = 1;
        for (int[] c : calls) steps = Math.max(steps, c.length);
        float[] x = new float[batch * steps];
        int[] len = new int[batch];
        for (int b = 0; b < batch; b++) {
            len[b] = calls.get(b).length;
            for (int t = 0; t < len[b]; t++) x[b * steps + t] = calls.get(b)[t];
        }
        return new Seq(Tensor.of(x, batch, steps, 1), len);
    }

    /** Runs the encoder over calls and hands its final states to the decoder layers in {@code decoderPass}. */
    void encode(List<int[]> calls, ForwardPass encoderPass, ForwardPass decoderPass) {
        encoder.forward(callBatch(calls), encoderPass);
        for (int i = 0; i < encoderLstms.size(); i++) {
            decoderPass.setInitialState(decoder.lstms().get(i), encoderPass.finalState(encoderLstms.get(i)));
        }
    }

    /** A generator positioned to write the response to one call (its distribution is the first event's). */
    public MelodyGenerator respondTo(int[] call) {
        ForwardPass enc = ForwardPass.inference();
        encoder.forward(callBatch(List.of(call)), enc);
        List<float[][]> states = new ArrayList<>();
        for (Lstm l : encoderLstms) states.add(enc.finalState(l));
        MelodyGenerator g = new MelodyGenerator(decoder);
        g.startFrom(states, encoding().startToken());
        return g;
    }
}
