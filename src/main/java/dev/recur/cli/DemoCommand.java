package dev.recur.cli;

import dev.recur.app.genre.GenreDemo;
import dev.recur.app.genre.GenreTraining;
import dev.recur.app.melody.MelodyDemo;
import dev.recur.app.scale.ScaleDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code recur demo}: the main jobs on the bundled samples, each in well under a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Recur's main jobs on the bundled samples (samples/) and write the results to --out.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--samples", description = "Folder with the bundled samples (default: samples/ of the Recur checkout).")
    Path samples;

    @Option(names = "--out", defaultValue = "demo-output", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        Path root = samples != null ? samples : defaultSamples();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": samples folder not found (give --samples DIR)");
        }
        Files.createDirectories(out);
        System.out.println("== 1. The textbook example");
        double acc = ScaleDemo.run(seed, System.out);
        System.out.println("== 2. Genre classification of synthesized clips");
        GenreTraining.Outcome genre = GenreDemo.run(root.resolve("genres"), out.resolve("genre"), seed, System.out,
                quiet.display().training());
        boolean genreOk = genre.test().segmentAccuracy() > 2.0 / genre.classifier().labels().size();
        System.out.println("== 3. Melodies from public-domain tunes");
        MelodyDemo.run(root.resolve("midi"), out, System.out);
        return acc == 1.0 && genreOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** samples/ next to the launcher ({@code -Drecur.home}), else in the working directory. */
    static Path defaultSamples() {
        String home = System.getProperty("recur.home");
        return (home != null ? Path.of(home) : Path.of("")).resolve("samples");
    }
}
