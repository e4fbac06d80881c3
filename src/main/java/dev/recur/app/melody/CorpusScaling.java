package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train-melody}'s defaults scaled to the corpus: the settings the user did not give are chosen from the
 * number of training events, so twenty folk tunes and a hundred game soundtracks both train well without options.
 *
 * <p>Measured on the bundled tunes (samples/midi: 20 training files, 3,030 events): today's large-corpus
 * defaults (2 × 256, batches of 32 windows of 256 steps) make one batch, four Adam steps, an epoch and stop
 * barely better than the trigram (docs/melody.md). A small corpus ({@value #SMALL_EVENTS} events or fewer) is
 * trained instead on windows of 64 steps, one window per update, by 2 × 128 LSTMs without dropout at learning
 * rate 0.005, with its octave copies (key-normalised training only) and a patience of 20 epochs (its validation
 * loss is noisy). A larger corpus keeps the defaults; only its batch is capped so that an epoch makes at least
 * {@value #MIN_UPDATES} optimiser updates (the development corpus, 126,116 events, makes about 70 with 32).
 */
public final class CorpusScaling {
    /** Up to this many training events (before augmentation) a corpus is small. */
    public static final long SMALL_EVENTS = 20_000;
    /** The fewest optimiser updates (BPTT chunks) per epoch the batch cap aims at. */
    public static final int MIN_UPDATES = 64;

    /** Pitch temperature for generation, recorded in model.json ({@link #PITCH_TEMPERATURE_KEY}) and used by {@code generate} by default. */
    public static final double LARGE_PITCH_TEMPERATURE = 0.9, SMALL_PITCH_TEMPERATURE = 0.5;
    public static final String PITCH_TEMPERATURE_KEY = "pitch_temperature";

    /**
     * The default pitch temperature of a model trained on {@code events} training events (before augmentation):
     * 0.9 (the development corpus's closest to human entropy) for a large corpus; 0.5 for a small one, whose model
     * is less sure of its pitches (bundled tunes, 32 melodies: mean overlap 0.40 at 0.9, 0.58 at 0.6, 0.63 at 0.5,
     * entropy −0.3 % at 0.5; docs/melody.md).
     */
    public static double pitchTemperature(long events) {
        return events <= SMALL_EVENTS ? SMALL_PITCH_TEMPERATURE : LARGE_PITCH_TEMPERATURE;
    }

    /**
     * Pitch temperatures for sampling with the copy cache ({@link CopyWeights}), which {@code generate} mixes in by
     * default, from the likeliest {@link #CACHE_TOP_P} of the pitch mass: the cache repeats earlier phrases, so the
     * network's own pitches can be more adventurous than without it, while the nucleus keeps out the unlikely
     * leaps a hot temperature would otherwise let in. Chosen on 96 melodies per setting (docs/melody.md): on the
     * development corpus 1.05 with top-p 0.95 gave mean overlap 0.78 (0.68 without the nucleus), pitch range 15.8
     * semitones (22.6; human 12.7), entropy −3.5 %, motifs 0.94× the human share (0.54× without the cache); on the
     * bundled tunes (three splits) 0.75 with top-p 0.95 kept entropy within 3 % and overlap at 0.60–0.76.
     */
    public static final double SMALL_CACHE_PITCH_TEMPERATURE = 0.75, LARGE_CACHE_PITCH_TEMPERATURE = 1.05;

    /** Top-p (nucleus) of the pitch draw that goes with the copy cache and the temperatures above. */
    public static final double CACHE_TOP_P = 0.95;

    /** The pitch temperature that goes with the copy cache for {@code events} training events (< 0: not known, a large corpus). */
    public static double cachePitchTemperature(long events) {
        return events >= 0 && events <= SMALL_EVENTS ? SMALL_CACHE_PITCH_TEMPERATURE : LARGE_CACHE_PITCH_TEMPERATURE;
    }

    /** Settings the rule may choose; the ones a user gave are left alone. */
    public enum Setting { UNITS, DROPOUT, BATCH, WINDOW, BPTT, LR, EPOCHS, PATIENCE, AUGMENT }

    private static final MelodyModel.Architecture SMALL = new MelodyModel.Architecture(128, 2, 64, 0f);

    /** What the rule chose and why, for the training summary. */
    public record Chosen(TrainOptions options, long events, boolean small, String description) {}

    private CorpusScaling() {}

    /**
     * Scales {@code given} (the command's values) to the training files {@code train} as {@code enc} encodes
     * them; {@code explicit} names the settings the user gave, which are kept. Octave copies are only chosen for
     * key-normalised training, since augmentation of melodies as played means all 12 keys.
     */
    public static Chosen choose(TrainOptions given, Set<Setting> explicit, MelodyEncoding enc, List<MelodyDataset.Item> train) {
        TrainOptions o = given;
        long events = enc.sequences(train).stream().mapToLong(s -> s.length).sum();
        boolean small = events <= SMALL_EVENTS, keyNormalized = enc.keyNormalized();
        if (small) {
            o = forSmallCorpus(o, explicit, keyNormalized);
        } else if (!explicit.contains(Setting.BATCH)) {
            o = o.withBatch(cappedBatch(enc.trainingSequences(train, o.augment()), o.batch(), o.window(), o.bptt()));
        }
        return new Chosen(o, events, small, describe(o, events, small, keyNormalized, explicit));
    }

    /**
     * The settings for a small corpus (at most {@link #SMALL_EVENTS} training events): those of {@code given} that
     * are not in {@code explicit} are replaced. Octave copies only for key-normalised training.
     */
    public static TrainOptions forSmallCorpus(TrainOptions given, Set<Setting> explicit, boolean keyNormalized) {
        TrainOptions o = given;
        MelodyModel.Architecture a = o.architecture();
        o = o.withArchitecture(new MelodyModel.Architecture(
                explicit.contains(Setting.UNITS) ? a.units() : SMALL.units(), a.layers(), a.embedding(),
                explicit.contains(Setting.DROPOUT) ? a.dropout() : SMALL.dropout(), a.lookback(), a.attention()));
        if (!explicit.contains(Setting.WINDOW)) o = o.withWindow(64);
        if (!explicit.contains(Setting.BPTT)) o = o.withBptt(Math.min(64, o.window()));
        if (!explicit.contains(Setting.LR)) o = o.withLr(0.005);
        if (!explicit.contains(Setting.EPOCHS)) o = o.withEpochs(80);
        if (!explicit.contains(Setting.PATIENCE)) o = o.withPatience(20);
        if (!explicit.contains(Setting.AUGMENT) && keyNormalized) o = o.withAugment(true);
        if (!explicit.contains(Setting.BATCH)) o = o.withBatch(1);
        return o;
    }

    /**
     * The largest batch up to {@code batch} with which an epoch of windows over {@code sequences} makes at least
     * {@link #MIN_UPDATES} updates (one per BPTT chunk of a window); 1 when none does.
     */
    static int cappedBatch(List<int[]> sequences, int batch, int window, int bptt) {
        long windows = 0;
        for (int[] s : sequences) {
            if (s.length == 0) continue;
            windows += (s.length + window - 1) / window + (s.length > window ? 1 : 0);   // the random phase adds one
        }
        long chunks = ((long) window + bptt - 1) / bptt;
        long most = windows * chunks / MIN_UPDATES;
        return (int) Math.max(1, Math.min(batch, most));
    }

    private static String describe(TrainOptions o, long events, boolean small, boolean keyNormalized, Set<Setting> explicit) {
        MelodyModel.Architecture a = o.architecture();
        return String.format(Locale.ROOT, "%s corpus (%,d training events%s): %d × LSTM %d, dropout %.2f, batch %d, window %d, bptt %d, "
                        + "lr %s, up to %d epochs (patience %d)%s%s",
                small ? "small" : "large", events, small ? " ≤ " + String.format(Locale.ROOT, "%,d", SMALL_EVENTS) : "",
                a.layers(), a.units(), a.dropout(), o.batch(), o.window(), o.bptt(), o.lr(), o.epochs(), o.patience(),
                !o.augment() ? "" : keyNormalized ? ", octave copies" : ", all 12 keys", explicit.isEmpty() ? "" : "; given: " + names(explicit));
    }

    private static String names(Set<Setting> s) {
        return String.join(", ", s.stream().sorted().map(x -> "--" + x.name().toLowerCase(Locale.ROOT)).toList());
    }
}
