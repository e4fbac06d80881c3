package dev.recur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.AudioFiles;
import dev.recur.data.FeatureExtractor;
import dev.recur.files.CsvText;
import dev.recur.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur classify --model MODEL_DIR FILE|DIR...}: the top genres of each file. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Name the genre of audio files (any length, any supported format; folders are searched): "
                + "per file the top label, its probability (mean over the file's segments) and the top 3.")
final class ClassifyCommand implements Callable<Integer> {
    enum Format { text, csv, json }

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by train-classifier.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Audio files, or folders to search for them.")
    List<Path> inputs;

    @Option(names = "--format", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

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
        List<GenreClassifier.Prediction> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Display display = quiet.display();
        Progress progress = display.task();
        progress.start("classify", files.size());
        try {
            FeatureExtractor.wholeTracks(c.features(), caching.featureCache()).forEach(files,
                    threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors(), o -> {
                        progress.step();
                        try {
                            if (!o.ok()) throw new IOException(o.error());
                            results.add(c.classify(o.file(), o.features().segments()[0]));
                        } catch (IOException | IllegalArgumentException e) {
                            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                            failed.add(m.contains(o.file().getFileName().toString()) ? m : o.file() + ": " + m);
                        }
                    });
        } finally {
            progress.finish();
        }
        switch (format) {
            case text -> {
                for (GenreClassifier.Prediction p : results) {
                    StringBuilder sb = new StringBuilder();
                    for (var e : p.top(top)) sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()));
                    System.out.printf(Locale.ROOT, "%s\t%s\t%.3f\t(%s)%n", p.file(), p.label(), p.probabilities()[p.best()], sb);
                }
            }
            case csv -> {
                System.out.println("file,segments,label,probability,top");
                for (GenreClassifier.Prediction p : results) {
                    StringBuilder sb = new StringBuilder();
                    for (var e : p.top(top)) sb.append(sb.isEmpty() ? "" : ";").append(String.format(Locale.ROOT, "%s:%.4f", e.getKey(), e.getValue()));
                    System.out.print(CsvText.row(p.file(), p.segments(), p.label(),
                            String.format(Locale.ROOT, "%.4f", p.probabilities()[p.best()]), sb));
                }
            }
            case json -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (GenreClassifier.Prediction p : results) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("file", p.file().toString());
                    r.put("segments", p.segments());
                    r.put("label", p.label());
                    r.put("probability", p.probabilities()[p.best()]);
                    List<Map<String, Object>> t = new ArrayList<>();
                    for (var e : p.top(top)) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("label", e.getKey());
                        entry.put("probability", e.getValue());
                        t.add(entry);
                    }
                    r.put("top", t);
                    rows.add(r);
                }
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            }
        }
        for (String f : failed) System.err.println("skipped " + f);
        if (!failed.isEmpty()) System.err.printf("%d of %d files could not be classified%n", failed.size(), files.size());
        if (files.isEmpty()) throw new IOException("no audio files in " + inputs);
        return failed.isEmpty() ? ExitCodes.OK : results.isEmpty() ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
    }
}
