package dev.recur.cli;

import dev.recur.app.melody.AnswerModel;
import dev.recur.app.melody.AnswerTraining;
import dev.recur.app.melody.MelodyEncoding;
import dev.recur.app.melody.MelodyModel;
import dev.recur.app.melody.MelodyTraining;
import dev.recur.app.melody.TrainOptions;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;

/** {@code recur train-melody}: trains the melody LSTM (or, with --answer, the call → response model). */
@Command(name = "train-melody", mixinStandardHelpOptions = true,
        description = "Train a melody model (embedding → stacked LSTM → softmax over melody events) on a folder of "
                + "MIDI files; writes model.safetensors, model.json, metrics.csv and loss.png, and compares the "
                + "validation figures with a trigram baseline on the same split.")
final class TrainMelodyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MIDI_DIR", description = "Folder of .mid files (searched recursively).")
    Path dir;

    @Option(names = "--out", paramLabel = "MODEL_DIR", description = "Model folder to write (default with --resume: the resumed folder).")
    Path out;

    @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "N",
            description = "Write a checkpoint to MODEL_DIR/checkpoints every N epochs and at the end; 0: only at the end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "MODEL_DIR",
            description = "Continue the training in MODEL_DIR from its last checkpoint (same files and options; --epochs may grow).")
    Path resume;

    @Option(names = "--skip-nonfinite", description = "Skip BPTT windows whose loss or gradient is NaN/Inf instead of stopping. Not with --answer.")
    boolean skipNonFinite;

    @Spec CommandSpec spec;

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

    @Option(names = "--augment", description = "More training data from each melody: its octave transpositions that fit the "
            + "pitch range (key-normalised training), or all 12 keys that fit (with --as-played).")
    boolean augment;

    @Option(names = "--as-played", description = "Train on the melodies in the keys they are written in, instead of moving each "
            + "to C major / A minor by its estimated key (Krumhansl-Schmuckler).")
    boolean asPlayed;

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
        if (out == null && resume == null) throw new ParameterException(spec.commandLine(), "Missing required option: '--out=MODEL_DIR'");
        if (answer && skipNonFinite) throw new ParameterException(spec.commandLine(), "--skip-nonfinite is not available with --answer");
        if (out == null) out = resume;
        // The answer model reads calls as played: its generation has no key handling yet.
        MelodyEncoding enc = new MelodyEncoding(new MelodyVocabulary(minPitch, maxPitch), stepsPerQuarter, 4 * stepsPerQuarter,
                !asPlayed && !answer);
        TrainOptions o = new TrainOptions(new MelodyModel.Architecture(units, layers, embedding, dropout), epochs, batch,
                window, bptt, lr, clip, patience, seed, valFraction, augment, !quiet);
        // With --answer the checkpoints' model is the decoder (a melody model); the encoder rides in their state.
        Durability durability = Resumption.durability(out, resume, runSettings(), ModelInfo.of(MelodyModel.TASK).withFeatures(enc.toFeatures()),
                checkpointEvery, skipNonFinite);
        if (answer) {
            AnswerTraining.Summary a = AnswerTraining.run(dir, out, enc, o, phraseBars, System.out, durability);
            System.out.println("wrote " + out + " (decoder) and " + out.resolve(AnswerModel.ENCODER_DIR) + " (encoder)");
            return a.data().skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        MelodyTraining.Summary s = MelodyTraining.run(dir, out, enc, o, System.out, durability);
        for (Path p : s.written()) System.out.println("wrote " + p);
        return s.data().skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    /**
     * What must be equal for a run to continue another: the MIDI files (by content) and every option except
     * --epochs and --quiet. Values as strings so a JSON round trip compares equal. The answer-mode keys are
     * there only with --answer (so older checkpoints of plain runs still resume).
     */
    private Map<String, Object> runSettings() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_sha256", folderSha256(dir));
        for (Object[] kv : new Object[][] {{"units", units}, {"layers", layers}, {"embedding", embedding}, {"dropout", dropout},
                {"patience", patience}, {"batch", batch}, {"window", window}, {"bptt", bptt}, {"lr", lr}, {"clip", clip}, {"seed", seed},
                {"val_fraction", valFraction}, {"augment", augment}, {"min_pitch", minPitch}, {"max_pitch", maxPitch},
                {"steps_per_quarter", stepsPerQuarter}, {"skip_nonfinite", skipNonFinite}}) {
            m.put((String) kv[0], String.valueOf(kv[1]));
        }
        if (!asPlayed && !answer) m.put("key_normalized", "true");   // absent as before, so as-played checkpoints still resume
        if (answer) {
            m.put("answer", "true");
            m.put("phrase_bars", String.valueOf(phraseBars));
        }
        return m;
    }

    /** SHA-256 over the relative names and bytes of every regular file under {@code root}, in name order. */
    private static String folderSha256(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        try (Stream<Path> files = Files.walk(root)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update((root.relativize(f).toString().replace('\\', '/') + "\u0000").getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
