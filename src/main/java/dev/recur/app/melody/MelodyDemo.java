package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyFeatures;
import dev.recur.midi.MidiWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The melody part of {@code recur demo}: trains a small LSTM on the demo corpus (samples/midi) in well
 * under a minute, prints its validation figures next to the trigram baseline, and writes a generated
 * melody and its piano roll.
 */
public final class MelodyDemo {
    /**
     * What {@code recur train-melody samples/midi} chooses for a corpus this small ({@link CorpusScaling}), so the
     * demo's melody is the one a user's own first training gives: 2 × LSTM 128, key-normalised tunes and their
     * octaves, one window per update, up to 80 epochs (about 20 s on two cores). A smaller, shorter recipe stopped
     * after one epoch and its melodies leapt across octaves.
     */
    public static final TrainOptions OPTIONS = CorpusScaling.forSmallCorpus(TrainOptions.DEFAULT, java.util.Set.of(), true);

    private MelodyDemo() {}

    public static void run(Path samplesMidiDir, Path outDir, PrintStream out) throws IOException {
        Files.createDirectories(outDir);
        Path modelDir = outDir.resolve("melody-model");
        out.println("melody: training an LSTM on " + samplesMidiDir + " (" + OPTIONS.architecture().layers() + " × "
                + OPTIONS.architecture().units() + " units, up to " + OPTIONS.epochs()
                + " epochs, every tune in C major / A minor and its octaves)");
        MelodyTraining.Summary s = MelodyTraining.run(samplesMidiDir, modelDir, MelodyEncoding.DEFAULT, OPTIONS, out);
        MelodyModel model = MelodyModel.load(modelDir);

        // Continue the first two bars of a validation tune, so the primer is music the model has not seen.
        Melody first = s.validationFirst();
        Melody primer = first.slice(0, Math.min(first.length(), 2 * model.encoding().stepsPerBar()));
        Path midi = outDir.resolve("melody.mid"), png = outDir.resolve("melody-piano-roll.png");
        int bars = 8, bar = model.encoding().stepsPerBar();
        // As `recur generate` samples: with the copy cache, pitches at the temperature and top-p training recorded
        // for the corpus size (split sampling: the note density stays the model's).
        MelodyModel.SamplingDefaults d = MelodyModel.SamplingDefaults.of(modelDir);
        double cache = d.cacheScale();
        Sampling sampling = Sampling.split(d.pitchTemperature(cache > 0), 0, d.topP(cache > 0), 1.0);
        GenerateOptions g = new GenerateOptions(primer, bars * bar, sampling, null, 0, 1, 1,
                MidiWriter.Options.DEFAULT.withProgram(73), png, cache);
        List<MelodyGeneration.Result> r = MelodyGeneration.write(model, midi, g);
        for (Path p : s.written()) out.println("wrote " + p);
        out.println("wrote " + r.getFirst().midi() + " (primer: first 2 bars of " + s.validationFirstName() + ", then "
                + r.getFirst().continuation().noteCount() + " generated notes, in " + r.getFirst().key() + ")");
        out.println("wrote " + r.getFirst().plot());
        Path wav = outDir.resolve("melody.wav");
        double seconds = MelodyAudio.writeWav(midi, wav);
        out.printf(java.util.Locale.ROOT, "wrote %s (%.1f s, flute)%n", wav, seconds);

        // The generated bars next to the tunes' own 8-bar excerpts, feature by feature.
        MelodyStats.Settings settings = new MelodyStats.Settings(model.encoding().stepsPerQuarter(), bar, bars);
        MelodyStats.MelodySet corpus = MelodyStats.load(samplesMidiDir, "reference", settings, dev.recur.progress.Progress.NONE);
        MelodyStats.printMelody(out, "the generated bars", MelodyFeatures.of(r.getFirst().continuation(), bar), corpus);
    }
}
