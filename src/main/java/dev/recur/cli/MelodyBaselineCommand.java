package dev.recur.cli;

import dev.recur.data.MelodyDataset;
import dev.recur.midi.MelodyExtractor;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.eval.NGramModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur melody-baseline}: loads a MIDI folder as melodies and scores an n-gram model on it. */
@Command(name = "melody-baseline", mixinStandardHelpOptions = true,
        description = "Load a folder of MIDI files as melodies, split by file, and report an n-gram model's "
                + "validation perplexity per event and next-event accuracy (the baseline for train-melody).")
final class MelodyBaselineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MIDI_DIR", description = "Folder of .mid files (searched recursively).")
    Path dir;

    @Option(names = "--order", description = "n of the n-gram model (default: ${DEFAULT-VALUE}).") int order = 3;
    @Option(names = "--smoothing", description = "KNESER_NEY (discount 0.75) or ADD_K (k = 0.1) (default: ${DEFAULT-VALUE}).")
    NGramModel.Smoothing smoothing = NGramModel.Smoothing.KNESER_NEY;
    @Option(names = "--validation", description = "Fraction of files for validation (default: ${DEFAULT-VALUE}).") double validation = 0.2;
    @Option(names = "--seed", description = "Seed of the split (default: ${DEFAULT-VALUE}).") long seed = 1;
    @Option(names = "--steps-per-quarter", description = "Grid steps per quarter note (default: ${DEFAULT-VALUE}).")
    int stepsPerQuarter = MelodyExtractor.Options.DEFAULT.stepsPerQuarter();
    @Option(names = "--track", description = "Track to take the melody from (default: the busiest part).") int track = -1;
    @Option(names = "--channel", description = "MIDI channel 1..16 to take the melody from (default: any).") int channel;
    @Option(names = "--all-parts", description = "Take the highest note of all non-drum parts instead of the busiest part.") boolean allParts;
    @Option(names = "--min-notes", description = "Skip files whose melody has fewer notes (default: ${DEFAULT-VALUE}).")
    int minNotes = MelodyDataset.Options.DEFAULT.minNotes();
    @Option(names = "--max-rest-steps", description = "Shorten longer rests to this many steps (default: ${DEFAULT-VALUE} = keep).")
    int maxRestSteps = MelodyDataset.Options.DEFAULT.maxRestSteps();
    @Option(names = "--augment", description = "Training-set augmentation: NONE, NORMALIZE_KEY (both sets) or ALL_KEYS (default: ${DEFAULT-VALUE}).")
    MelodyDataset.Augment augment = MelodyDataset.Augment.NONE;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        if (channel < 0 || channel > 16) throw new IllegalArgumentException("--channel must be 1..16, got " + channel);
        MelodyDataset.Options opts = MelodyDataset.Options.DEFAULT
                .withExtraction(MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(stepsPerQuarter)
                        .withPart(allParts ? MelodyExtractor.ALL : track, channel - 1)).withMinNotes(minNotes).withMaxRestSteps(maxRestSteps);
        MelodyDataset data = MelodyDataset.load(dir, opts, quiet.display().task());
        System.err.print(data.skippedSummary());
        if (data.items().size() < 2) throw new IllegalArgumentException(dir + ": fewer than 2 usable MIDI files");
        MelodyDataset.Split split = data.split(validation, seed);
        MelodyVocabulary vocab = MelodyVocabulary.DEFAULT;
        List<int[]> train = MelodyDataset.encode(split.train(), vocab, augment);
        List<int[]> val = MelodyDataset.encode(split.validation(), vocab,
                augment == MelodyDataset.Augment.NORMALIZE_KEY ? augment : MelodyDataset.Augment.NONE);
        NGramModel model = NGramModel.fit(train, vocab.size(), order, smoothing, smoothing == NGramModel.Smoothing.ADD_K ? 0.1 : 0.75);
        NGramModel.Score s = model.evaluate(val);
        long trainEvents = train.stream().mapToLong(a -> a.length).sum();
        System.out.printf(Locale.ROOT, "files       %d loaded, %d skipped%n", data.items().size(), data.skipped().size());
        System.out.printf(Locale.ROOT, "split       %d train files (%d sequences, %d events), %d validation files (%d events)%n",
                split.train().size(), train.size(), trainEvents, split.validation().size(), s.events());
        System.out.printf(Locale.ROOT, "%d-gram      %s: validation perplexity %.3f per event, next-event accuracy %.4f%n",
                order, smoothing, s.perplexity(), s.accuracy());
        return data.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
