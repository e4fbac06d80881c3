package dev.recur.data;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.TrackMfcc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Audio files to MFCCs, through the feature cache, on a pool of threads (one file per task): the one place
 * where files become features, for {@code features}, the audio dataset ({@link AudioDataset}) and
 * {@code classify}. Each file streams through {@link TrackMfcc}, either as fixed-length segments or (segment
 * settings null) as one matrix of the whole track. A file that cannot be used gives an outcome with a one-line
 * reason naming it; the batch goes on.
 */
public final class FeatureExtractor {
    private final FeatureSettings features;
    private final SegmentSettings segments; // null: the whole track as one matrix
    private final FeatureCache cache; // may be null

    /**
     * @param segments how tracks are cut, or null for one matrix per track
     * @param cache    where features are kept between runs, or null
     */
    public FeatureExtractor(FeatureSettings features, SegmentSettings segments, FeatureCache cache) {
        this.features = features;
        this.segments = segments;
        this.cache = cache;
    }

    /** Whole tracks, one matrix each (a track shorter than one frame is refused). */
    public static FeatureExtractor wholeTracks(FeatureSettings features, FeatureCache cache) {
        return new FeatureExtractor(features, null, cache);
    }

    public FeatureSettings features() { return features; }
    public SegmentSettings segments() { return segments; }

    /** Cache key part for these settings. */
    public String settingsKey() { return segments == null ? "whole-track " + features.key() : features.key() + " " + segments.key(); }

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
            if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
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
        if (segments == null) {
            float[][] frames = TrackMfcc.whole(file, features);
            if (frames.length == 0) throw new IOException(file + ": too short for one MFCC frame");
            return new TrackFeatures(file.toString(), (double) frames.length * features.hopSize() / features.sampleRate(),
                    new float[][][] {frames});
        }
        TrackMfcc.Segmented s = TrackMfcc.segments(file, features, segments);
        double seconds = s.samples() / (double) features.sampleRate();
        if (s.segments().length == 0) throw new TooShort(file, seconds, segments.seconds());
        return new TrackFeatures(file.toString(), seconds, s.segments());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Extracts every file on {@code threads} threads and hands the outcomes to {@code sink} in input order,
     * on the calling thread. At most a few files per thread are in flight ahead of the sink, so memory stays
     * bounded however many files there are. Never throws for a bad file: its outcome carries the message.
     */
    public void forEach(List<Path> files, int threads, Consumer<Outcome> sink) {
        if (threads <= 1 || files.size() <= 1) {
            for (Path f : files) sink.accept(extract(f));
            return;
        }
        int workers = Math.min(threads, files.size()), ahead = 4 * workers;
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "recur-features");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
            int next = 0;
            for (int i = 0; i < files.size(); i++) {
                while (next < files.size() && next < i + ahead) {
                    Path f = files.get(next++);
                    inFlight.add(pool.submit(() -> extract(f)));
                }
                Outcome o;
                try {
                    o = inFlight.poll().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) throw err;
                    o = new Outcome(files.get(i), null, files.get(i) + ": " + e.getCause(), false, Double.NaN);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
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
