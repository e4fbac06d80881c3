package dev.recur.cli;

import dev.recur.app.melody.AnswerModel;
import dev.recur.app.melody.AnswerTraining;
import dev.recur.app.melody.MelodyEncoding;
import dev.recur.app.melody.MelodyModel;
import dev.recur.app.melody.MelodyTraining;
import dev.recur.app.melody.TrainOptions;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.files.Sha256;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code recur train-melody}: trains the melody LSTM (or, with --answer, the call → response model). */
@Command(name = "train-melody", mixinStandardHelpOptions = true,
        description = "Train a melody model (embedding → stacked LSTM → softmax over melody events) on a folder of "
                + "MIDI files; writes model.safetensors, model.json, metrics.csv and loss.png, and compares the "
                + "validation figures with a trigram baseline on the same split.")
final class TrainMelodyCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MIDI_DIR", description = "Folder of .mid files (searched recursively).")
    Path dir;

    @Mixin CheckpointOptions run;

    @Mixin QuietOption quiet;

    @Option(names = "--units", defaultValue = "256", description = "LSTM units per layer (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--layers", defaultValue = "2", description = "Stacked LSTM layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--embedding", defaultValue = "64", description = "Token embedding width (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--dropout", defaultValue = "0.2", description = "Dropout after each LSTM layer (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "5", description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch", defaultValue = "32", description = "Windows per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--window", defaultValue = "256", description = "Steps per training window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--bptt", defaultValue = "64", description = "Truncated BPTT length in steps (default: ${DEFAULT-VALUE}).")
    int bptt;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient norm limit (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, initialisation and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.2", description = "Share of files for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--augment", description = "Train on all 12 transpositions that fit the pitch range.")
    boolean augment;

    @Option(names = "--min-pitch", defaultValue = "48", description = "Lowest pitch of the vocabulary; others are folded by octaves (default: ${DEFAULT-VALUE}).")
    int minPitch;

    @Option(names = "--max-pitch", defaultValue = "84", description = "Highest pitch of the vocabulary (default: ${DEFAULT-VALUE}).")
    int maxPitch;

    @Option(names = "--steps-per-quarter", defaultValue = "4", description = "Grid steps per quarter note (default: ${DEFAULT-VALUE}).")
    int stepsPerQuarter;

    @Option(names = "--answer", description = "Train the call → response model (encoder-decoder) on consecutive phrase pairs instead.")
    boolean answer;

    @Option(names = "--phrase-bars", defaultValue = "2", description = "Bars per phrase with --answer (default: ${DEFAULT-VALUE}).")
    int phraseBars;

    @Override public Integer call() throws Exception {
        run.resume();
        run.require("MIDI_DIR");
        MelodyEncoding enc = new MelodyEncoding(new MelodyVocabulary(minPitch, maxPitch), stepsPerQuarter, 4 * stepsPerQuarter);
        TrainOptions o = new TrainOptions(new MelodyModel.Architecture(units, layers, embedding, dropout), epochs, batch,
                window, bptt, lr, clip, patience, seed, valFraction, augment);
        Display display = quiet.display();
        MelodyTraining.Loaded loaded = MelodyTraining.load(dir, enc, o, display.task());
        System.err.print(loaded.data().skippedSummary());
        // With --answer the checkpoints' model is the decoder (a melody model); the encoder rides in their state.
        Durability durability = run.durability(Sha256.folder(dir), ModelInfo.of(MelodyModel.TASK).withFeatures(enc.toFeatures()));
        long skipped;
        if (answer) {
            AnswerTraining.Summary a = AnswerTraining.run(loaded, run.out, enc, o, phraseBars, System.out, display.training(), durability);
            System.out.println("wrote " + run.out + " (decoder) and " + run.out.resolve(AnswerModel.ENCODER_DIR) + " (encoder)");
            skipped = a.skipped();
        } else {
            MelodyTraining.Summary s = MelodyTraining.run(loaded, run.out, enc, o, System.out, display.training(), durability);
            for (Path p : s.written()) System.out.println("wrote " + p);
            skipped = s.result().skipped();
        }
        if (skipped > 0) display.println("skipped " + skipped + " updates (batches or BPTT windows) with a non-finite loss or gradient");
        return loaded.data().skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
