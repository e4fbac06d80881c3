package dev.recur.data;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.FrameAnalyzer;
import dev.recur.audio.MonoStream;
import dev.recur.audio.Segment;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.Segmenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Audio files to MFCC segments. One file streams through decoder, resampler and segmenter, so memory holds
 * one segment of samples at a time; many files run on a thread pool, one file per task.
 */
public final class FeatureExtractor {
    private final FeatureSettings features;
    private final SegmentSettings segments;
    private final FeatureCache cache; // may be null

    public FeatureExtractor(FeatureSettings features, SegmentSettings segments, FeatureCache cache) {
        this.features = features;
        this.segments = segments;
        this.cache = cache;
    }

    public FeatureSettings features() { return features; }
    public SegmentSettings segments() { return segments; }

    /** Cache key part for these settings. */
    public String settingsKey() { return features.key() + " " + segments.key(); }

    /**
     * The result for one file: features, or the one-line reason it was skipped.
     *
     * @param cached       whether the features came from the cache
     * @param shortSeconds the file's length when it was skipped for being shorter than one segment, else NaN
     */
    public record Outcome(Path file, TrackFeatures features, String error, boolean cached, double shortSeconds) {
        public boolean ok() { return features != null; }

        /** Skipped only for being shorter than one segment (padding would have kept it). */
        public boolean tooShort() { return !Double.isNaN(shortSeconds); }
    }

    /** A file shorter than one segment, with padding off. */
    static final class TooShort extends IOException {
        final double seconds;

        TooShort(Path file, double seconds, double segment) {
            super(String.format(Locale.ROOT, "%s: too short (%.2f s; a segment is %s s)", file, seconds, fmt(segment)));
            this.seconds = seconds;
        }
    }

    /** Features of one file, from the cache when it has them. Messages name the file. */
    public Outcome extract(Path file) {
        try {
            if (!java.nio.file.Files.isRegularFile(file)) throw new IOException(file + ": no such file");
            Path entry = cache == null ? null : cache.entry(file, settingsKey());
            if (entry != null) {
                TrackFeatures hit = cache.read(entry, file, settingsKey());
                if (hit != null) return new Outcome(file, hit, null, true, Double.NaN);
            }
            TrackFeatures f = compute(file);
            if (entry != null) cache.write(entry, settingsKey(), f);
            return new Outcome(file, f, null, false, Double.NaN);
        } catch (TooShort e) {
            return new Outcome(file, null, e.getMessage(), false, e.seconds);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return new Outcome(file, null, message(file, e), false, Double.NaN);
        } catch (RuntimeException e) {
            // A decoder bug on a hostile file must not end the batch; say what it was.
            return new Outcome(file, null, file + ": could not be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", false, Double.NaN);
        }
    }

    private static String message(Path file, Exception e) {
        String m = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
        if (m == null) m = e.getClass().getSimpleName();
        return m.startsWith(file.toString()) ? m : file + ": " + m;
    }

    /** Decodes and analyses {@code file} without the cache. */
    public TrackFeatures compute(Path file) throws IOException {
        FrameAnalyzer mfcc = features.analyzer();
        List<float[][]> out = new ArrayList<>();
        long samples;
        try (MonoStream in = AudioFiles.open(file, features.sampleRate())) {
            Segmenter seg = new Segmenter(in, segments);
            for (Segment s; (s = seg.next()) != null; ) out.add(mfcc.compute(s.samples(), s.samples().length));
            samples = seg.consumed();
        }
        double seconds = samples / (double) features.sampleRate();
        if (out.isEmpty()) throw new TooShort(file, seconds, segments.seconds());
        return new TrackFeatures(file.toString(), seconds, out.toArray(new float[0][][]));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Extracts every file on {@code threads} threads and hands the outcomes to {@code sink} in input order,
     * on the calling thread. Never throws for a bad file: its outcome carries the message.
     */
    public void forEach(List<Path> files, int threads, Consumer<Outcome> sink) {
        if (threads <= 1 || files.size() <= 1) {
            for (Path f : files) sink.accept(extract(f));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
            Thread t = new Thread(r, "recur-features");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>(files.size());
            for (Path f : files) futures.add(pool.submit(() -> extract(f)));
            for (int i = 0; i < futures.size(); i++) {
                Outcome o;
                try {
                    o = futures.get(i).get();
                } catch (ExecutionException e) {
                    o = new Outcome(files.get(i), null, files.get(i) + ": " + e.getCause(), false, Double.NaN);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                futures.set(i, null); // let finished results be collected once handed on
                sink.accept(o);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Convenience: all outcomes in input order. */
    public List<Outcome> extractAll(List<Path> files, int threads) {
        List<Outcome> out = new ArrayList<>(files.size());
        forEach(files, threads, out::add);
        return out;
    }
}
