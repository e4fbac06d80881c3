package dev.recur.cli;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.AudioFiles;
import dev.recur.data.FeatureExtractor;
import dev.recur.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code recur classify --model MODEL_DIR FILE|DIR...}: the top genres of each file, written as each file is done, in
 * the order of the inputs ({@link PredictionOutput}); a file that cannot be read is named on stderr at once, and
 * counted at the end.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Name the genre of audio files (any length, any supported format; folders are searched): "
                + "per file the top label, its probability (mean over the file's segments) and the top 3.")
final class ClassifyCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by train-classifier.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Audio files, or folders to search for them.")
    List<Path> inputs;

    @Option(names = "--format", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    PredictionOutput.Format format = PredictionOutput.Format.text;

    @Option(names = "--top", description = "How many labels to list per file (default: ${DEFAULT-VALUE}).")
    int top = 3;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded and analysed in parallel (default: all cores).")
    Integer threads;

    @Mixin CacheOptions caching;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        GenreClassifier c = GenreClassifier.load(model);
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) files.addAll(Files.isDirectory(p) ? AudioFiles.list(p) : List.of(p));
        if (files.isEmpty()) throw new IOException("no audio files in " + inputs);
        Display display = quiet.display();
        PredictionOutput output = PredictionOutput.of(format, top, System.out);
        int[] classified = {0};
        List<String> failed = new ArrayList<>();
        Progress progress = display.task();
        progress.start("classify", files.size());
        output.begin();
        try {
            FeatureExtractor.wholeTracks(c.features(), caching.featureCache()).forEach(files,
                    threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors(), o -> {
                        progress.step();
                        GenreClassifier.Prediction p;
                        try {
                            if (!o.ok()) throw new IOException(o.error());
                            p = c.classify(o.file(), o.features().segments()[0]);
                        } catch (IOException | IllegalArgumentException e) {
                            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                            String line = m.contains(o.file().getFileName().toString()) ? m : o.file() + ": " + m;
                            failed.add(line);
                            display.println("skipped " + line);
                            return;
                        }
                        display.clearBar();
                        try {
                            output.add(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        classified[0]++;
                    });
        } finally {
            progress.finish();
        }
        output.end();
        if (!failed.isEmpty()) System.err.printf("%d of %d files could not be classified%n", failed.size(), files.size());
        return failed.isEmpty() ? ExitCodes.OK : classified[0] == 0 ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
    }
}
