package dev.recur.spark;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierNetwork;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.FeatureSettings;
import dev.recur.data.FeatureExtractor;
import dev.recur.audio.SegmentSettings;
import dev.recur.io.Normalization;
import dev.recur.nn.Sequential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A genre model folder as {@code recur train-classifier} writes it (2 x LSTM 64, mean pooling, MFCCs +
 * deltas, 1 s segments), with seeded random weights and the real normalisation of two clips: the answers
 * need not be right, only the same everywhere.
 */
final class TestModel {
    private TestModel() {}

    static final List<String> LABELS = List.of("ambient", "chiptune", "drums", "organ", "piano", "strings");
    static final FeatureSettings FEATURES = FeatureSettings.defaults().withDeltas(true);

    static Path write(Path dir) throws IOException {
        Sequential net = ClassifierNetwork.build(ClassifierConfig.defaults(), FEATURES.dims(), LABELS.size());
        net.initialize(7);
        FeatureExtractor ex = new FeatureExtractor(FEATURES, new SegmentSettings(1, 0, false), null);
        float[] sum = new float[FEATURES.dims()], sq = new float[FEATURES.dims()];
        int n = 0;
        for (String f : List.of("piano/piano_03.wav", "drums/drums_03.wav")) {
            for (float[][] seg : ex.compute(TestFiles.SAMPLES.resolve(f)).segments()) {
                for (float[] row : seg) {
                    for (int d = 0; d < row.length; d++) {
                        sum[d] += row[d];
                        sq[d] += row[d] * row[d];
                    }
                    n++;
                }
            }
        }
        float[] mean = new float[sum.length], std = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            mean[d] = sum[d] / n;
            std[d] = (float) Math.sqrt(Math.max(1e-6, sq[d] / n - mean[d] * mean[d]));
        }
        new GenreClassifier(net, LABELS, FEATURES, 1.0, new Normalization(mean, std), null, null).save(dir);
        return dir;
    }
}
