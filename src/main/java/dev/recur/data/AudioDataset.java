package dev.recur.data;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A labelled audio dataset in GTZAN's layout, {@code root/<label>/<file>.wav}: each file is a track, cut
 * into segments of MFCC frames, with a seeded train/validation/test split by track.
 */
public final class AudioDataset {
    /** A file that was not used, and why (one line naming the file). */
    public record Skipped(Path file, String reason) {}

    /**
     * @param ratios   validation/test fractions per label
     * @param cacheDir feature cache folder, or null for no cache
     * @param threads  files extracted in parallel
     */
    public record Options(SplitRatios ratios, Path cacheDir, int threads) {
        public static Options defaults() {
            return new Options(SplitRatios.defaults(), FeatureCache.defaultDir(), Runtime.getRuntime().availableProcessors());
        }
    }

    private final Path root;
    private final FeatureSettings features;
    private final SegmentSettings segmentSettings;
    private final List<String> labels;
    private final Map<String, Split> splits;
    private final List<LabelledSegment> segments;
    private final List<Skipped> skipped;

    private AudioDataset(Path root, FeatureSettings features, SegmentSettings segmentSettings, List<String> labels,
                         Map<String, Split> splits, List<LabelledSegment> segments, List<Skipped> skipped) {
        this.root = root;
        this.features = features;
        this.segmentSettings = segmentSettings;
        this.labels = List.copyOf(labels);
        this.splits = Collections.unmodifiableMap(splits);
        this.segments = List.copyOf(segments);
        this.skipped = List.copyOf(skipped);
    }

    /** Loads with the default options (10% validation, 10% test, default cache folder, all cores). */
    public static AudioDataset load(Path root, FeatureSettings features, SegmentSettings segments, long seed) throws IOException {
        return load(root, features, segments, seed, Options.defaults(), o -> {});
    }

    /**
     * Loads {@code root}. Bad files are skipped and listed in {@link #skipped()}; {@code progress} sees each
     * file's outcome, in order, as it finishes. Throws only when the root itself is unusable.
     */
    public static AudioDataset load(Path root, FeatureSettings features, SegmentSettings segments, long seed,
                                    Options options, Consumer<FeatureExtractor.Outcome> progress) throws IOException {
        Map<String, List<Path>> byLabel = scan(root);
        List<String> labels = new ArrayList<>(byLabel.keySet());
        Map<String, List<String>> trackIds = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabel = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            List<String> ids = new ArrayList<>();
            for (Path f : byLabel.get(labels.get(l))) {
                ids.add(trackId(root, f));
                files.add(f);
                fileLabel.add(l);
            }
            trackIds.put(labels.get(l), ids);
        }
        Map<String, Split> splits = TrackSplitter.split(trackIds, options.ratios(), seed);
        FeatureCache cache = options.cacheDir() == null ? null : new FeatureCache(options.cacheDir());
        FeatureExtractor ex = new FeatureExtractor(features, segments, cache);
        List<LabelledSegment> out = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int[] next = {0};
        ex.forEach(files, options.threads(), o -> {
            int i = next[0]++;
            progress.accept(o);
            if (!o.ok()) {
                skipped.add(new Skipped(o.file(), o.error()));
                return;
            }
            String id = trackId(root, o.file());
            float[][][] segs = o.features().segments();
            for (int s = 0; s < segs.length; s++) out.add(new LabelledSegment(id, fileLabel.get(i), s, splits.get(id), segs[s]));
        });
        return new AudioDataset(root, features, segments, labels, splits, out, skipped);
    }

    /** Label folders (sorted, hidden ones ignored) to their audio files (sorted, searched recursively). */
    static Map<String, List<Path>> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        Map<String, List<Path>> out = new LinkedHashMap<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path d : dirs) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(d)) {
                files = s.filter(Files::isRegularFile).filter(AudioFiles::isAudio)
                        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            if (!files.isEmpty()) out.put(d.getFileName().toString(), files);
        }
        if (out.isEmpty()) throw new IOException(root + ": no label folders with audio files (expected root/<label>/*.wav)");
        return out;
    }

    static String trackId(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    public Path root() { return root; }
    public FeatureSettings featureSettings() { return features; }
    public SegmentSettings segmentSettings() { return segmentSettings; }
    /** Label names, sorted; a segment's {@code label} indexes this list. */
    public List<String> labels() { return labels; }
    /** Every listed track (including skipped ones) to its split. */
    public Map<String, Split> splits() { return splits; }
    /** All segments, in file order then segment order. */
    public List<LabelledSegment> segments() { return segments; }
    public List<Skipped> skipped() { return skipped; }

    public List<LabelledSegment> segments(Split split) {
        return segments.stream().filter(s -> s.split() == split).toList();
    }

    /** Normalisation statistics over the training segments only. */
    public FeatureStats trainStats() {
        return FeatureStats.fit(segments(Split.TRAIN).stream().map(LabelledSegment::features).toList());
    }
}
