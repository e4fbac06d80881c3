package dev.recur.app.genre;

import dev.recur.data.Segments;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.TrackMfcc;
import dev.recur.io.ModelFile;
import dev.recur.io.ModelFormatException;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.io.Normalization;
import dev.recur.nn.Sequential;
import dev.recur.eval.MeanStdBaseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A trained genre classifier: the network, its labels, the MFCC settings and segment length it was trained
 * on, the training-set normalisation, and the mean+std baseline fitted on the same split. Saved as a model
 * directory (model.safetensors + model.json); thread-safe for classification.
 *
 * <pre>{@code
 * GenreClassifier c = GenreClassifier.load(Path.of("model"));
 * GenreClassifier.Prediction p = c.classify(Path.of("song.wav"));
 * System.out.println(p.top(3));
 * }</pre>
 */
public final class GenreClassifier {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Sequential network;
    private final List<String> labels;
    private final FeatureSettings features;
    private final double segmentSeconds;
    private final Normalization normalization;
    private final MeanStdBaseline baseline;
    private final Map<String, Object> metadata;
    private final int segmentHop;

    public GenreClassifier(Sequential network, List<String> labels, FeatureSettings features, double segmentSeconds,
                           Normalization normalization, MeanStdBaseline baseline, Map<String, Object> metadata) {
        this(network, labels, features, segmentSeconds, normalization, baseline, metadata, 0);
    }

    /**
     * @param segmentHop frames between the starts of the segments a file is cut into for its vote ({@link
     *                   Segments#of(float[][], int, int)}); 0 or the segment length: consecutive segments
     */
    public GenreClassifier(Sequential network, List<String> labels, FeatureSettings features, double segmentSeconds,
                           Normalization normalization, MeanStdBaseline baseline, Map<String, Object> metadata, int segmentHop) {
        if (network.outputSize() != labels.size()) throw new IllegalArgumentException("network has " + network.outputSize() + " outputs for " + labels.size() + " labels");
        if (normalization.size() != features.dims()) throw new IllegalArgumentException("normalization has " + normalization.size() + " values for " + features.dims() + " features");
        this.network = network;
        this.labels = List.copyOf(labels);
        this.features = features;
        this.segmentSeconds = segmentSeconds;
        this.normalization = normalization;
        this.baseline = baseline;
        this.metadata = metadata == null ? Map.of() : metadata;
        int frames = segmentFrames();
        if (segmentHop < 0 || segmentHop > frames) throw new IllegalArgumentException("segment hop must be in 0.." + frames + ", got " + segmentHop);
        this.segmentHop = segmentHop == 0 ? frames : segmentHop;
    }

    public Sequential network() { return network; }
    public List<String> labels() { return labels; }
    public FeatureSettings features() { return features; }
    public double segmentSeconds() { return segmentSeconds; }
    public Normalization normalization() { return normalization; }
    /** The mean+std baseline fitted on the same training tracks, or null if the model was saved without one. */
    public MeanStdBaseline baseline() { return baseline; }
    public Map<String, Object> metadata() { return metadata; }

    /** MFCC frames per segment ({@code 387} for 9 s at the defaults). */
    public int segmentFrames() { return features.frames((int) Math.round(segmentSeconds * features.sampleRate())); }

    /** Frames between the starts of the segments a file's vote averages (the segment length: no overlap). */
    public int segmentHop() { return segmentHop; }

    /**
     * The frames the mean+std baseline reads: the model's own when they are MFCCs (it takes the first 13 values
     * of a frame), else 13 MFCCs with the same rate, window and hop, so its segments line up with the model's.
     */
    public FeatureSettings baselineFeatures() { return baselineFeatures(features); }

    public static FeatureSettings baselineFeatures(FeatureSettings f) {
        if (f.computesMfcc()) return f;
        FeatureSettings d = FeatureSettings.defaults();
        return new FeatureSettings(f.sampleRate(), f.frameSize(), f.hopSize(), d.coefficients(), d.melBands(), d.lowHz(),
                Math.min(d.highHz(), f.sampleRate() / 2.0), false);
    }

    /** A copy of a raw MFCC matrix standardised with the training statistics. */
    public float[][] normalize(float[][] frames) {
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = frames[t].clone();
            normalization.apply(out[t]);
        }
        return out;
    }

    /** Class probabilities of raw (unnormalised) feature segments (the model's frames: log-mel or MFCC). */
    public float[][] segmentProbabilities(List<float[][]> rawSegments) {
        List<float[][]> norm = new ArrayList<>(rawSegments.size());
        for (float[][] s : rawSegments) norm.add(normalize(s));
        return Batches.probabilities(network, norm);
    }

    /** What the model says about one file: the mean of its segments' probabilities. */
    public record Prediction(Path file, List<String> labels, int segments, float[] probabilities) {
        public int best() { return dev.recur.eval.ClassificationReport.argmax(probabilities); }
        public String label() { return labels.get(best()); }

        /** The k most probable labels with their probabilities, most probable first. */
        public List<Map.Entry<String, Float>> top(int k) {
            return IntStream.range(0, labels.size()).boxed()
                    .sorted(Comparator.comparing((Integer i) -> -probabilities[i]).thenComparing(i -> i))
                    .limit(k).map(i -> Map.entry(labels.get(i), probabilities[i])).toList();
        }
    }

    /**
     * Classifies a file of any length and any readable format: segments of the training length starting every
     * {@link #segmentHop()} frames (a shorter file is one short segment), their probabilities averaged.
     */
    public Prediction classify(Path file) throws IOException {
        return classify(file, TrackMfcc.whole(file, features));
    }

    public Prediction classify(Path file, float[][] frames) throws IOException {
        List<float[][]> segs = Segments.of(frames, segmentFrames(), segmentHop);
        if (segs.isEmpty()) throw new IOException(file + ": too short for one MFCC frame");
        float[][] p = segmentProbabilities(segs);
        float[] mean = new float[labels.size()];
        for (float[] row : p) for (int c = 0; c < mean.length; c++) mean[c] += row[c] / p.length;
        return new Prediction(file, labels, segs.size(), mean);
    }

    // ---------------------------------------------------------------- saving

    public void save(Path dir) throws IOException {
        Map<String, Object> feat = new LinkedHashMap<>(JSON.convertValue(features, MAP));
        feat.put("kind", features.kind());
        feat.put("segmentSeconds", segmentSeconds);
        feat.put("framesPerSegment", segmentFrames());
        feat.put("segmentHopFrames", segmentHop);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        if (baseline != null) meta.put("baseline", JSON.convertValue(baseline.state(), MAP));
        ModelInfo info = ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(labels).withFeatures(feat)
                .withNormalization(normalization).withMetadata(meta);
        ModelStore.save(dir, network, info);
    }

    public static GenreClassifier load(Path dir) throws IOException {
        ModelFile mf = ModelStore.load(dir);
        ModelInfo info = mf.info();
        Path json = dir.resolve(ModelStore.CONFIG_FILE);
        if (!ModelInfo.CLASSIFICATION.equals(info.task())) throw new ModelFormatException(json, "not a classifier (task " + info.task() + ")");
        if (info.normalization() == null) throw new ModelFormatException(json, "no normalization");
        Map<String, Object> feat = new LinkedHashMap<>(info.features());
        Object kind = feat.get("kind");
        if (!FeatureSettings.MFCC.equals(kind) && !FeatureSettings.LOGMEL.equals(kind)) {
            throw new ModelFormatException(json, "features are not MFCC or log-mel settings (kind " + kind + ")");
        }
        Object seconds = feat.remove("segmentSeconds");
        feat.remove("framesPerSegment");
        Object hop = feat.remove("segmentHopFrames");
        if (!(seconds instanceof Number n)) throw new ModelFormatException(json, "features.segmentSeconds missing");
        FeatureSettings fs;
        MeanStdBaseline base = null;
        try {
            fs = JSON.convertValue(feat, FeatureSettings.class);
            Object b = info.metadata().get("baseline");
            if (b != null) base = MeanStdBaseline.fromState(JSON.convertValue(b, MeanStdBaseline.State.class));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, "bad feature settings or baseline: " + e.getMessage());
        }
        Map<String, Object> meta = new LinkedHashMap<>(info.metadata());
        meta.remove("baseline");
        try {
            return new GenreClassifier(mf.model(), info.labels(), fs, n.doubleValue(), info.normalization(), base, meta,
                    hop instanceof Number h ? h.intValue() : 0);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage());
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {};
}
