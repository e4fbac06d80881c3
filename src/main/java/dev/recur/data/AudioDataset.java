package dev.recur.data;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.FeatureSettings;
import dev.recur.files.Sha256;
import dev.recur.progress.Progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The labelled audio dataset: a folder {@code root/<label>/...} (GTZAN's layout; any format {@link AudioFiles}
 * reads, searched recursively) with the whole-track MFCCs of every file. Labels are the sorted names of the
 * folders that hold audio; files are read in path order, in parallel on all cores, through the feature cache
 * ({@link FeatureExtractor}); a file that cannot be read is listed in {@link #skipped()} instead of stopping the
 * load. The split by track or group is {@link TrackSplit}; fixed-length segments are {@link Segments}.
 */
public final class AudioDataset {
    private final Path root;
    private final List<String> labels;
    private final List<Track> tracks;
    private final List<Skipped> skipped;

    /** A file left out, and why (one line, names the file). */
    public record Skipped(Path file, String reason) {}

    private AudioDataset(Path root, List<String> labels, List<Track> tracks, List<Skipped> skipped) {
        this.root = root;
        this.labels = List.copyOf(labels);
        this.tracks = List.copyOf(tracks);
        this.skipped = List.copyOf(skipped);
    }

    public Path root() { return root; }
    public List<String> labels() { return labels; }
    public List<Track> tracks() { return tracks; }
    public List<Skipped> skipped() { return skipped; }

    /** SHA-256 over every track's id, label, group and MFCC values: the dataset by content, for resume checks. */
    public String sha256() {
        MessageDigest md = Sha256.digest();
        ByteBuffer b = ByteBuffer.allocate(4096);
        for (Track t : tracks) {
            md.update((t.id() + "\u0000" + t.label() + "\u0000" + t.group() + "\u0000").getBytes(StandardCharsets.UTF_8));
            for (float[] row : t.frames()) {
                for (float v : row) {
                    if (b.remaining() < 4) {
                        md.update(b.flip());
                        b.clear();
                    }
                    b.putFloat(v);
                }
            }
            md.update(b.flip());
            b.clear();
        }
        return HexFormat.of().formatHex(md.digest());
    }

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

    /** Loads without a cache or progress. */
    public static AudioDataset load(Path root, FeatureSettings settings, Function<String, String> groupOf) throws IOException {
        return load(root, settings, groupOf, Progress.NONE, null);
    }

    /**
     * Loads {@code root}, one progress step per file, reusing whole-track MFCCs from {@code cache} (keyed by file
     * content and settings; null: no cache) and storing what it computes there. Throws only when the root
     * itself is unusable.
     */
    public static AudioDataset load(Path root, FeatureSettings settings, Function<String, String> groupOf, Progress progress,
                                    FeatureCache cache) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder (expected DATASET/<label>/*.wav)");
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).sorted().toList()) {
                List<Path> audio = AudioFiles.list(dir);
                if (audio.isEmpty()) continue;
                labels.add(dir.getFileName().toString());
                files.addAll(audio);
            }
        }
        if (labels.size() < 2) {
            throw new IOException(root + ": need at least 2 label folders with audio files, found " + labels.size());
        }
        return read(root, labels, files, settings, groupOf, progress, cache, true);
    }

    /**
     * Every audio file under {@code root}, at any depth, without labels (each track's label is empty, its group
     * its file name): audio to learn from without labels, such as masked pretraining's. Throws when the root
     * is not a folder or holds no audio file.
     */
    public static AudioDataset loadUnlabelled(Path root, FeatureSettings settings, Progress progress, FeatureCache cache) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        List<Path> files = AudioFiles.list(root);
        if (files.isEmpty()) throw new IOException(root + ": no audio files");
        return read(root, List.of(), files, settings, byFile(), progress, cache, false);
    }

    private static AudioDataset read(Path root, List<String> labels, List<Path> files, FeatureSettings settings, Function<String, String> groupOf,
                                     Progress progress, FeatureCache cache, boolean labelled) throws IOException {
        List<Track> tracks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        progress.start("features", files.size());
        try {
            FeatureExtractor.wholeTracks(settings, cache).forEach(files, Runtime.getRuntime().availableProcessors(), o -> {
                progress.step();
                Path f = o.file();
                if (!o.ok()) {
                    skipped.add(new Skipped(f, o.error()));
                    return;
                }
                String id = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                String label = labelled ? id.substring(0, id.indexOf('/')) : "";
                tracks.add(new Track(f, id, label, groupOf.apply(f.getFileName().toString()), o.features().segments()[0]));
            });
        } finally {
            progress.finish();
        }
        return new AudioDataset(root, labels, tracks, skipped);
    }
}
