package dev.recur.cli;

import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code recur synth OUT}: renders a labelled demo dataset of synthesized styles. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Render a labelled dataset OUT/<style>/<style>_NN.wav of synthesized music styles "
                + "(16-bit mono WAV, 22050 Hz). The same options always give byte-identical files; "
                + "the defaults regenerate samples/genres.")
final class SynthCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "Output folder.")
    Path out;

    @Option(names = "--tracks", paramLabel = "N", description = "Tracks per style (default: ${DEFAULT-VALUE}).")
    int tracks = SynthDataset.Spec.demo().tracksPerStyle();

    @Option(names = "--seconds", paramLabel = "S", description = "Length of each clip in seconds (default: ${DEFAULT-VALUE}).")
    double seconds = SynthDataset.Spec.demo().seconds();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = SynthDataset.Spec.demo().seed();

    @Option(names = "--styles", split = ",", paramLabel = "STYLE",
            description = "Comma-separated styles (default: all of piano,organ,drums,strings,ambient,chiptune).")
    List<String> styles;

    @Override public Integer call() throws Exception {
        List<Style> chosen = styles == null ? Arrays.asList(Style.values()) : styles.stream().map(Style::ofLabel).toList();
        SynthDataset.Spec spec = new SynthDataset.Spec(chosen, tracks, seconds, seed);
        List<Path> files = SynthDataset.write(out, spec);
        System.out.printf("wrote %d clips (%d styles × %d tracks × %s s, seed %d) to %s%n",
                files.size(), chosen.size(), tracks, seconds, seed, out);
        return ExitCodes.OK;
    }
}
