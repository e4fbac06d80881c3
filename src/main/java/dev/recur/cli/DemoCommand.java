package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierTrainer;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.app.genre.GenreDataset;
import dev.recur.app.genre.GenreTraining;
import dev.recur.app.genre.Track;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.synth.SynthDataset;
import dev.recur.train.eval.ClassificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur demo}: trains a small genre classifier on the bundled synthesized clips and classifies a held-back one. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small LSTM genre classifier on the synthesized clips in samples/genres (rendered afresh "
                + "when the folder is missing), compare it with the mean+std baseline on held-back clips, and "
                + "classify one held-back clip.")
final class DemoCommand implements Callable<Integer> {
    /** The demo's settings: 1 s segments (the clips are 2.5 s), a 2 × LSTM 32, at most 25 epochs. */
    static final ClassifierConfig CONFIG = new ClassifierConfig("lstm", 2, 32, false, 0, 0.2, "mean", 25, 32, 3e-3, 1e-2, 1.0, 8, 2, 1);
    static final double SEGMENT_SECONDS = 1.0;

    @Option(names = "--samples", paramLabel = "DIR", description = "Labelled clips (default: ${DEFAULT-VALUE}).")
    Path samples = Path.of("samples/genres");

    @Option(names = "--out", paramLabel = "DIR", description = "Where the model and reports go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("recur-demo/genre");

    @Option(names = "--no-progress", description = "Do not show progress bars.")
    boolean noProgress;

    @Override public Integer call() throws Exception {
        Path data = samples;
        if (!Files.isDirectory(data)) {
            data = out.resolve("samples");
            SynthDataset.write(data, SynthDataset.Spec.demo());
            System.out.println("rendered the demo clips into " + data);
        }
        FeatureSettings fs = FeatureSettings.defaults();
        GenreDataset ds = GenreDataset.load(data, fs, GenreDataset.byFile(), !noProgress);
        long t0 = System.nanoTime();
        GenreTraining.Outcome o = GenreTraining.run(ds, fs, new GenreTraining.Options(SEGMENT_SECONDS, 0.15, 0.25, CONFIG.seed(), CONFIG),
                noProgress ? new TrainClassifierCommand.LineListener(CONFIG.epochs()) : new TrainClassifierCommand.BarListener(CONFIG.epochs()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, out);
        System.out.printf(Locale.ROOT, "trained on %d clips in %.1f s; held back %d clips (%d classes, chance %.0f%%)%n",
                o.split().train().size(), seconds, o.split().test().size(), ds.labels().size(), 100.0 / ds.labels().size());
        System.out.print(ClassificationReport.compare(o.comparison()));
        Track held = o.split().test().getFirst();
        GenreClassifier.Prediction p = GenreClassifier.load(out).classify(held.file());
        StringBuilder top = new StringBuilder();
        for (var e : p.top(3)) top.append(top.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()));
        System.out.printf("held-back clip %s (really %s): %s%n", held.file().getFileName(), held.label(), top);
        System.out.println("model and reports in " + out + "; try: recur classify --model " + out + " " + held.file());
        return ExitCodes.OK;
    }
}
