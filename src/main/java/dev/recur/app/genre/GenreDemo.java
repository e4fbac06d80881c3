package dev.recur.app.genre;

import dev.recur.data.AudioDataset;
import dev.recur.data.Track;
import dev.recur.audio.FeatureSettings;
import dev.recur.samples.SynthDataset;
import dev.recur.train.Fit;
import dev.recur.eval.ClassificationReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The genre part of {@code recur demo}: a small LSTM classifier trained on the synthesized clips of
 * {@code samples/genres} (rendered afresh when missing), compared with the mean+std baseline on held-back
 * clips, and one held-back clip classified.
 */
public final class GenreDemo {
    private GenreDemo() {}

    /** 1 s segments (the clips are 2.5 s), 2 × LSTM 32, at most 25 epochs. */
    public static ClassifierConfig config(long seed) {
        return new ClassifierConfig("lstm", 2, 32, false, 0, 0.2, "mean", 25, 32, 3e-3, 1e-2, 1.0, 8, 2, false, seed);
    }

    public static final double SEGMENT_SECONDS = 1.0;

    /** Trains, writes the model and reports to {@code out}, prints a summary; returns the test report. */
    public static GenreTraining.Outcome run(Path samples, Path out, long seed, PrintStream print, Fit.Listener listener) throws IOException {
        Path data = samples;
        if (!Files.isDirectory(data)) {
            data = out.resolve("samples");
            SynthDataset.write(data, SynthDataset.Spec.demo());
            print.println("rendered the demo clips into " + data);
        }
        FeatureSettings fs = FeatureSettings.defaults();
        AudioDataset ds = AudioDataset.load(data, fs, AudioDataset.byFile());
        ClassifierConfig config = config(seed);
        long t0 = System.nanoTime();
        GenreTraining.Outcome o = GenreTraining.run(ds, fs, new GenreTraining.Options(SEGMENT_SECONDS, 0.15, 0.25, seed, config), listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, out);
        print.printf(Locale.ROOT, "trained on %d clips in %.1f s; held back %d clips (%d classes, chance %.0f%%)%n",
                o.split().train().size(), seconds, o.split().test().size(), ds.labels().size(), 100.0 / ds.labels().size());
        print.print(ClassificationReport.compare(o.comparison()));
        print.print(o.intervals());
        Track held = o.split().test().getFirst();
        GenreClassifier.Prediction p = GenreClassifier.load(out).classify(held.file());
        StringBuilder top = new StringBuilder();
        for (var e : p.top(3)) top.append(top.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()));
        print.printf("held-back clip %s (really %s): %s%n", held.file().getFileName(), held.label(), top);
        print.println("model and reports in " + out + "; try: recur classify --model " + out + " " + held.file());
        return o;
    }
}
