package dev.recur.spark;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.TrackMfcc;
import dev.recur.data.FeatureExtractor;
import dev.recur.data.Segments;
import dev.recur.data.TrackFeatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The only calls the Spark jobs make into Recur's core, so that a change of the core's entry points is
 * answered here. A file's bytes are decoded by exactly the code the CLI runs on a path: they are written to a
 * local temporary file with the file's extension (WAV is decoded in Java, other formats by ffmpeg, which
 * needs a seekable file anyway), and messages name the original path, not the temporary one.
 */
final class CoreCalls {
    private CoreCalls() {}

    /** What {@code recur features} computes for one file, or the one-line reason it could not. */
    record Features(TrackFeatures features, String error) {}

    /** A feature extractor without the cache (an executor's local cache would only fill its disk). */
    static FeatureExtractor extractor(FeatureSettings fs, SegmentSettings ss) {
        return new FeatureExtractor(fs, ss, null);
    }

    /** Canonical text of the settings that change the numbers (the core's cache key). */
    static String settingsKey(FeatureSettings fs, SegmentSettings ss) {
        return extractor(fs, ss).settingsKey();
    }

    static Features features(FeatureExtractor ex, String path, byte[] content) {
        try (LocalCopy copy = LocalCopy.of(path, content)) {
            FeatureExtractor.Outcome o = ex.extract(copy.file());
            return o.ok() ? new Features(o.features(), null) : new Features(null, copy.restore(o.error()));
        } catch (IOException e) {
            return new Features(null, path + ": could not be copied to local disk (" + e.getMessage() + ")");
        }
    }

    /** The MFCC matrix of a whole file as {@code recur classify} computes it, cut into the model's segments. */
    static List<float[][]> classifierSegments(GenreClassifier c, String path, byte[] content) throws IOException {
        try (LocalCopy copy = LocalCopy.of(path, content)) {
            float[][] frames;
            try {
                frames = TrackMfcc.whole(copy.file(), c.features());
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                String m = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                throw new IOException(copy.restore(m == null ? e.getClass().getSimpleName() : m), e);
            }
            List<float[][]> segs = Segments.of(frames, c.segmentFrames());
            if (segs.isEmpty()) throw new IOException(path + ": too short for one MFCC frame");
            return segs;
        }
    }

    /**
     * Mean class probabilities of each file from its segments, all scored in one call (the model runs its
     * fixed chunks of segments; a chunk may mix files), averaged per file as {@link GenreClassifier#classify}
     * does.
     */
    static List<float[]> fileProbabilities(GenreClassifier c, List<List<float[][]>> segmentsPerFile) {
        List<float[][]> all = new ArrayList<>();
        for (List<float[][]> s : segmentsPerFile) all.addAll(s);
        float[][] p = all.isEmpty() ? new float[0][] : c.segmentProbabilities(all);
        List<float[]> out = new ArrayList<>(segmentsPerFile.size());
        int row = 0;
        for (List<float[][]> s : segmentsPerFile) {
            float[] mean = new float[c.labels().size()];
            for (int i = 0; i < s.size(); i++, row++) for (int k = 0; k < mean.length; k++) mean[k] += p[row][k] / s.size();
            out.add(mean);
        }
        return out;
    }

    static GenreClassifier loadClassifier(Path dir) throws IOException {
        return GenreClassifier.load(dir);
    }

    /** Temporary local copy of a file's bytes, deleted on close. */
    static final class LocalCopy implements AutoCloseable {
        private final String original;
        private final Path file;

        private LocalCopy(String original, Path file) {
            this.original = original;
            this.file = file;
        }

        static LocalCopy of(String path, byte[] content) throws IOException {
            Path f = Files.createTempFile("recur-", suffix(path));
            try {
                Files.write(f, content);
            } catch (IOException e) {
                Files.deleteIfExists(f);
                throw e;
            }
            return new LocalCopy(path, f);
        }

        Path file() { return file; }

        /** A core message about the copy, naming the original path instead. */
        String restore(String message) {
            String m = message.replace(file.toString(), original);
            return m.startsWith(original) ? m : original + ": " + m;
        }

        @Override public void close() throws IOException { Files.deleteIfExists(file); }

        /** The extension decides the decoder (WAV in Java, the rest by ffmpeg); keep it. */
        static String suffix(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot);
            return ext.matches("\\.[A-Za-z0-9]{1,8}") ? ext : ".bin";
        }
    }
}
