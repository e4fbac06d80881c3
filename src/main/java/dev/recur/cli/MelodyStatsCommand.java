package dev.recur.cli;

import dev.recur.app.melody.MelodyStats;
import dev.recur.midi.MelodySetComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code recur melody-stats REFERENCE GENERATED}: musical features of two sets of melodies, compared. */
@Command(name = "melody-stats", mixinStandardHelpOptions = true,
        description = "Compare two sets of melodies (e.g. human tunes and generated ones) by musical features: pitch range, "
                + "intervals, leaps, pitch-class entropy, in-scale share, notes per beat, motif repetition and bar-to-bar "
                + "self-similarity; per feature both sets' mean ± sd and the overlap of their distributions (1 = the "
                + "feature cannot tell them apart). Each set is a folder of MIDI files (the melody extraction of "
                + "train-melody) or a .json written by --json.")
final class MelodyStatsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REFERENCE", description = "Folder of MIDI files (searched recursively), or a stats .json.")
    Path reference;

    @Parameters(index = "1", paramLabel = "GENERATED", description = "Folder of MIDI files, or a stats .json.")
    Path generated;

    @Option(names = "--json", description = "Print the per-melody features and the comparison as JSON instead of the table.")
    boolean json;

    @Option(names = "--bars", defaultValue = "0",
            description = "Cut melodies into excerpts of this many bars, so long pieces and short generated melodies compare "
                    + "like with like; 0 = whole melodies (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--steps-per-quarter", defaultValue = "4", description = "Grid of the melody extraction (default: ${DEFAULT-VALUE}).")
    int stepsPerQuarter;

    @Option(names = "--steps-per-bar", description = "Bar length in steps (default: 4 quarters).")
    Integer stepsPerBar;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        MelodyStats.Settings s = new MelodyStats.Settings(stepsPerQuarter, stepsPerBar != null ? stepsPerBar : 4 * stepsPerQuarter, bars);
        Display display = quiet.display();
        MelodyStats.MelodySet ref = MelodyStats.load(reference, "reference", s, display.task());
        MelodyStats.MelodySet gen = MelodyStats.load(generated, "generated", s, display.task());
        for (String line : ref.skipped()) System.err.println("skipped " + line);
        for (String line : gen.skipped()) System.err.println("skipped " + line);
        MelodySetComparison c = MelodyStats.compare(ref, gen);
        if (json) System.out.println(MelodyStats.toJson(ref, gen, c));
        else MelodyStats.printTable(System.out, ref, gen, c);
        return ref.skipped().isEmpty() && gen.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
