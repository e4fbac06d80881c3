package dev.recur.app.genre;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.FeatureSettings;
import dev.recur.data.FeatureCache;
import dev.recur.data.TrackFeatures;
import dev.recur.progress.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A labelled dataset folder {@code root/<label>/*.wav} (GTZAN's layout; any format {@link AudioFiles} reads)
 * with the MFCCs of every track. Labels are the sorted folder names; files are read in name order, in
 * parallel on all cores, and a file that cannot be read is listed in {@link #skipped()} instead of stopping
 * the load.
 */
public final class GenreDataset {
    private final Path root;
    private final List<String> labels;
    private final List<Track> tracks;
    private final List<Skipped> skipped;

    /** A file left out, and why (one line, names the file). */
    public record Skipped(Path file, String reason) {}

    private GenreDataset(Path root, List<String> labels, List<Track> tracks, List<Skipped> skipped) {
        this.root = root;
        this.labels = List.copyOf(labels);
        this.tracks = List.copyOf(tracks);
        this.skipped = List.copyOf(skipped);
    }

    public Path root() { return root; }
    public List<String> labels() { return labels; }
    public List<Track> tracks() { return tracks; }
    public List<Skipped> skipped() { return skipped; }

    public int labelIndex(String label) {
        int i = labels.indexOf(label);
        if (i < 0) throw new IllegalArgumentException("unknown label '" + label + "' (known: " + String.join(", ", labels) + ")");
        return i;
    }

    /** Every file its own group: the split is by track. */
    public static Function<String, String> byFile() { return name -> name; }

    /**
     * Groups files by the first capture group of {@code regex} found in the file name (e.g. {@code ^(.*)__}
     * for {@code piece__instrument.wav}); a name without a match is its own group.
     */
    public static Function<String, String> byPattern(String regex) {
        Pattern p = Pattern.compile(regex);
        if (p.matcher("").groupCount() < 1) throw new IllegalArgumentException("group pattern needs a capture group: " + regex);
        return name -> {
            Matcher m = p.matcher(name);
            return m.find() && m.group(1) != null ? m.group(1) : name;
        };
    }

    public static GenreDataset load(Path root, FeatureSettings settings, Function<String, String> groupOf) throws IOException {
        return load(root, settings, groupOf, Progress.NONE, null);
    }

    /**
     * As {@link #load(Path, FeatureSettings, Function)}, with one progress step per file, reusing whole-track MFCCs from {@code cache}
     * (keyed by file content and settings; null: no cache) and storing what it computes there.
     */
    public static GenreDataset load(Path root, FeatureSettings settings, Function<String, String> groupOf, Progress progress,
                                    FeatureCache cache) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder (expected DATASET/<label>/*.wav)");
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> audio;
                try (Stream<Path> fs = Files.list(dir)) {
                    audio = fs.filter(f -> Files.isRegularFile(f) && AudioFiles.isAudio(f)).sorted().toList();
                }
                if (audio.isEmpty()) continue;
                labels.add(dir.getFileName().toString());
                files.addAll(audio);
            }
        }
        if (labels.size() < 2) {
            throw new IOException(root + ": need at least 2 label folders with audio files, found " + labels.size());
        }
        List<Extracted> features = extractAll(files, settings, progress, cache);
        List<Track> tracks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String label = f.getParent().getFileName().toString(), name = f.getFileName().toString();
            float[][] mfcc = features.get(i).frames();
            String error = features.get(i).error();
            if (mfcc == null) skipped.add(new Skipped(f, error != null && error.contains(name) ? error : name + ": " + error));
            else if (mfcc.length == 0) skipped.add(new Skipped(f, f.getFileName() + ": too short for one MFCC frame"));
            else tracks.add(new Track(f, label + "/" + name, label, groupOf.apply(name), mfcc));
        }
        return new GenreDataset(root, labels, tracks, skipped);
    }

    /** The MFCCs of a file, or (frames null) why there are none. */
    private record Extracted(float[][] frames, String error) {}

    /** MFCCs of every file, in file order. */
    private static List<Extracted> extractAll(List<Path> files, FeatureSettings settings, Progress progress, FeatureCache cache) throws IOException {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        List<Extracted> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "recur-features");
            t.setDaemon(true);
            return t;
        });
        progress.start("features", files.size());
        try {
            List<Future<float[][]>> jobs = new ArrayList<>();
            for (Path f : files) jobs.add(pool.submit(() -> extract(f, settings, cache)));
            for (Future<float[][]> job : jobs) {
                try {
                    out.add(new Extracted(job.get(), null));
                    progress.step();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Error err) throw err;
                    out.add(new Extracted(null, c instanceof IOException || c instanceof UncheckedIOException
                            || c instanceof IllegalArgumentException ? c.getMessage() : c.toString()));
                    progress.step();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting features", e);
        } finally {
            progress.finish();
            pool.shutdownNow();
        }
        return out;
    }

    private static float[][] extract(Path f, FeatureSettings settings, FeatureCache cache) throws IOException {
        if (cache == null) return TrackMfcc.extract(f, settings);
        String key = "whole-track " + settings.key();
        Path entry = cache.entry(f, key);
        TrackFeatures hit = cache.read(entry, f, key);
        if (hit != null && hit.segments().length == 1) return hit.segments()[0];
        float[][] frames = TrackMfcc.extract(f, settings);
        if (frames.length > 0) {
            cache.write(entry, key, new TrackFeatures(f.toString(), (double) frames.length * settings.hopSize() / settings.sampleRate(),
                    new float[][][] {frames}));
        }
        return frames;
    }
}
