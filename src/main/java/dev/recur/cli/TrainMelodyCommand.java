package dev.recur.cli;

import dev.recur.app.melody.AnswerModel;
import dev.recur.app.melody.AnswerTraining;
import dev.recur.app.melody.MelodyEncoding;
import dev.recur.app.melody.MelodyModel;
import dev.recur.app.melody.MelodyTraining;
import dev.recur.app.melody.TrainOptions;
import dev.recur.midi.MelodyVocabulary;
import picocli.CommandLine.Command;
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
    @Parameters(index = "0", paramLabel = "MIDI_DIR", description = "Folder of .mid files (searched recursively).")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model folder to write.")
    Path out;

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

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override public Integer call() throws Exception {
        MelodyEncoding enc = new MelodyEncoding(new MelodyVocabulary(minPitch, maxPitch), stepsPerQuarter, 4 * stepsPerQuarter);
        TrainOptions o = new TrainOptions(new MelodyModel.Architecture(units, layers, embedding, dropout), epochs, batch,
                window, bptt, lr, clip, patience, seed, valFraction, augment, !quiet);
        if (answer) {
            AnswerTraining.Summary a = AnswerTraining.run(dir, out, enc, o, phraseBars, System.out);
            System.out.println("wrote " + out + " (decoder) and " + out.resolve(AnswerModel.ENCODER_DIR) + " (encoder)");
            return a.data().skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        MelodyTraining.Summary s = MelodyTraining.run(dir, out, enc, o, System.out);
        for (Path p : s.written()) System.out.println("wrote " + p);
        return s.data().skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
