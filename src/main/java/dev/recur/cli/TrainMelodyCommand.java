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
    private static final TrainOptions D = TrainOptions.DEFAULT;
    private static final MelodyModel.Architecture A = D.architecture();
    private static final MelodyEncoding E = MelodyEncoding.DEFAULT;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MIDI_DIR", description = "Folder of .mid files (searched recursively).")
    Path dir;

    @Mixin CheckpointOptions run;

    @Mixin QuietOption quiet;

    // Defaults come from the application's own (TrainOptions.DEFAULT, MelodyEncoding.DEFAULT): one home for each.
    @Option(names = "--units", description = "LSTM units per layer (default: ${DEFAULT-VALUE}).") int units = A.units();
    @Option(names = "--layers", description = "Stacked LSTM layers (default: ${DEFAULT-VALUE}).") int layers = A.layers();
    @Option(names = "--embedding", description = "Token embedding width (default: ${DEFAULT-VALUE}).") int embedding = A.embedding();
    @Option(names = "--dropout", description = "Dropout after each LSTM layer (default: ${DEFAULT-VALUE}).") float dropout = A.dropout();
    @Option(names = "--epochs", description = "Most epochs (default: ${DEFAULT-VALUE}).") int epochs = D.epochs();
    @Option(names = "--patience", description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience = D.patience();
    @Option(names = "--batch", description = "Windows per batch (default: ${DEFAULT-VALUE}).") int batch = D.batch();
    @Option(names = "--window", description = "Steps per training window (default: ${DEFAULT-VALUE}).") int window = D.window();
    @Option(names = "--bptt", description = "Truncated BPTT length in steps (default: ${DEFAULT-VALUE}).") int bptt = D.bptt();
    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).") double lr = D.lr();
    @Option(names = "--clip", description = "Gradient norm limit (default: ${DEFAULT-VALUE}).") double clip = D.clip();
    @Option(names = "--seed", description = "Seed of the split, initialisation and batches (default: ${DEFAULT-VALUE}).") long seed = D.seed();
    @Option(names = "--val-fraction", description = "Share of files for validation (default: ${DEFAULT-VALUE}).") double valFraction = D.valFraction();
    @Option(names = "--lookback", negatable = true, fallbackValue = "true",
            description = "Input the Lookback RNN's structure features instead of an embedding: the events one and two bars "
                    + "back, whether the last event repeated them, the position in the bar (default: ${DEFAULT-VALUE}; --answer models do without).")
    boolean lookback = A.lookback();
    @Option(names = "--attention", paramLabel = "STEPS",
            description = "Attention over the last STEPS outputs of the top LSTM (Attention RNN; Magenta uses 40); 0 = none "
                    + "(default: ${DEFAULT-VALUE}; --answer models do without).")
    int attention = A.attention();
    @Option(names = "--augment", description = "More training data from each melody: its octave transpositions that fit the "
            + "pitch range (key-normalised training), or all 12 keys that fit (with --as-played).") boolean augment = D.augment();
    @Option(names = "--as-played", description = "Train on the melodies in the keys they are written in, instead of moving each "
            + "to C major / A minor by its estimated key (Krumhansl-Schmuckler).") boolean asPlayed = !E.keyNormalized();
    @Option(names = "--min-pitch", description = "Lowest pitch of the vocabulary; others are folded by octaves (default: ${DEFAULT-VALUE}).")
    int minPitch = E.vocabulary().minPitch();
    @Option(names = "--max-pitch", description = "Highest pitch of the vocabulary (default: ${DEFAULT-VALUE}).") int maxPitch = E.vocabulary().maxPitch();
    @Option(names = "--steps-per-quarter", description = "Grid steps per quarter note (default: ${DEFAULT-VALUE}).") int stepsPerQuarter = E.stepsPerQuarter();
    @Option(names = "--answer", description = "Train the call → response model (encoder-decoder) on consecutive phrase pairs instead.") boolean answer;
    @Option(names = "--phrase-bars", description = "Bars per phrase with --answer (default: ${DEFAULT-VALUE}).") int phraseBars = 2;

    @Override public Integer call() throws Exception {
        run.resume();
        run.require("MIDI_DIR");
        // The answer model reads calls as played: its generation has no key handling yet.
        MelodyEncoding enc = new MelodyEncoding(new MelodyVocabulary(minPitch, maxPitch), stepsPerQuarter, 4 * stepsPerQuarter,
                !asPlayed && !answer);
        // The answer model's encoder and decoder read embeddings: the structure layers are for the plain model.
        TrainOptions o = new TrainOptions(new MelodyModel.Architecture(units, layers, embedding, dropout, lookback && !answer,
                answer ? 0 : attention), epochs, batch,
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
