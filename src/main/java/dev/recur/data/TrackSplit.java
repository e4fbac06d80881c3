package dev.recur.data;

import dev.recur.files.AtomicFiles;
import dev.recur.files.CsvText;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A seeded train / validation / test split by {@link Track#group()}: all tracks of a group land on one
 * side, so no segment of a test track (or of another rendering of its piece) is ever trained on.
 * The split is stratified: the groups that hold one label (the usual case: group = file) are dealt out per
 * label, and the groups that hold several (one piece rendered in several classes) are dealt out together.
 */
public record TrackSplit(List<Track> train, List<Track> validation, List<Track> test) {

    public enum Side { TRAIN, VALIDATION, TEST }

    public static TrackSplit of(List<Track> tracks, double validationFraction, double testFraction, long seed) {
        if (!(validationFraction >= 0 && testFraction > 0 && validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("need 0 <= validation, 0 < test and validation + test < 1 (got "
                    + validationFraction + ", " + testFraction + ")");
        }
        Map<String, List<Track>> groups = byGroup(tracks);
        Random random = new Random(seed);
        Map<String, Side> side = new LinkedHashMap<>();
        for (List<String> gs : strata(groups)) deal(gs, random, validationFraction, testFraction, side);
        List<Track> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (Track t : tracks) {
            switch (side.get(t.group())) {
                case TRAIN -> train.add(t);
                case VALIDATION -> val.add(t);
                case TEST -> test.add(t);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("too few tracks (or groups) to split: " + groups.size() + " groups give "
                    + train.size() + " training and " + test.size() + " test tracks");
        }
        return new TrackSplit(List.copyOf(train), List.copyOf(val), List.copyOf(test));
    }

    /** The tracks of each group, groups in sorted order. */
    private static Map<String, List<Track>> byGroup(List<Track> tracks) {
        Map<String, List<Track>> groups = new TreeMap<>();
        for (Track t : tracks) groups.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t);
        return groups;
    }

    /**
     * The groups in strata: the groups of each label (labels in sorted order), then one stratum of the groups that
     * span several labels (a piece rendered in every class, or two classes' files that the group pattern happens
     * to name alike). One such group must not turn the stratification off for all the others.
     */
    private static List<List<String>> strata(Map<String, List<Track>> groups) {
        Map<String, List<String>> byLabel = new TreeMap<>();
        List<String> mixed = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<String> labels = e.getValue().stream().map(Track::label).distinct().toList();
            if (labels.size() == 1) byLabel.computeIfAbsent(labels.getFirst(), l -> new ArrayList<>()).add(e.getKey());
            else mixed.add(e.getKey());
        }
        List<List<String>> out = new ArrayList<>(byLabel.values());
        if (!mixed.isEmpty()) out.add(mixed);
        return out;
    }

    /**
     * {@code k} splits for a cross-validation by track (or group): every group is on the test side of exactly one
     * of them and on the training side of the others (no validation tracks). Stratified like {@link #of}: each
     * stratum's groups are shuffled and dealt out to the folds in turn, the turn carried on from one stratum to
     * the next, so the folds differ in size by at most one group per stratum and by at most one group overall.
     */
    public static List<TrackSplit> folds(List<Track> tracks, int k, long seed) {
        Map<String, List<Track>> groups = byGroup(tracks);
        if (k < 2 || k > groups.size()) {
            throw new IllegalArgumentException("need 2 <= folds <= " + groups.size() + " (the tracks or groups), got " + k);
        }
        Random random = new Random(seed);
        Map<String, Integer> fold = new LinkedHashMap<>();
        int turn = 0;
        for (List<String> stratum : strata(groups)) {
            List<String> order = new ArrayList<>(new TreeSet<>(stratum));
            Collections.shuffle(order, random);
            for (String g : order) fold.put(g, turn++ % k);
        }
        List<TrackSplit> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Track> train = new ArrayList<>(), test = new ArrayList<>();
            for (Track t : tracks) (fold.get(t.group()) == f ? test : train).add(t);
            out.add(new TrackSplit(List.copyOf(train), List.of(), List.copyOf(test)));
        }
        return out;
    }

    /** Shuffles the groups, then gives the first ones to test, the next to validation, the rest to training. */
    private static void deal(List<String> groups, Random random, double valFrac, double testFrac, Map<String, Side> side) {
        List<String> order = new ArrayList<>(new TreeSet<>(groups));
        Collections.shuffle(order, random);
        int n = order.size();
        int nTest = n >= 2 ? Math.max(1, (int) Math.round(testFrac * n)) : 0;
        int nVal = n - nTest >= 3 && valFrac > 0 ? Math.max(1, (int) Math.round(valFrac * n)) : 0;
        for (int i = 0; i < n; i++) side.put(order.get(i), i < nTest ? Side.TEST : i < nTest + nVal ? Side.VALIDATION : Side.TRAIN);
    }

    /** {@code track,group,side} for every track: shows (and lets a test prove) there is no leakage. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(CsvText.row("track", "group", "side"));
        for (var e : sides().entrySet()) {
            Track t = byId().get(e.getKey());
            sb.append(CsvText.row(t.id(), t.group(), e.getValue().name().toLowerCase(Locale.ROOT)));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Track id → side, as {@link #writeCsv} wrote them; a malformed file is refused naming it. */
    public static Map<String, Side> readSides(Path file) throws IOException {
        Map<String, Side> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CsvText.read(in)) {
                if (!r.isMapped("track") || !r.isMapped("side") || !r.isConsistent()) {
                    throw new IOException(file + ": line " + (r.getRecordNumber() + 1) + " is not track,group,side");
                }
                try {
                    out.put(r.get("track"), Side.valueOf(r.get("side").toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": line " + (r.getRecordNumber() + 1) + ": side '" + r.get("side")
                            + "' is not train, validation or test");
                }
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage());
        }
        return out;
    }

    private Map<String, Track> byId() {
        Map<String, Track> m = new LinkedHashMap<>();
        for (List<Track> part : List.of(train, validation, test)) for (Track t : part) m.put(t.id(), t);
        return m;
    }

    /** The side every track id is on. */
    public Map<String, Side> sides() {
        Map<String, Side> m = new LinkedHashMap<>();
        for (Track t : train) m.put(t.id(), Side.TRAIN);
        for (Track t : validation) m.put(t.id(), Side.VALIDATION);
        for (Track t : test) m.put(t.id(), Side.TEST);
        return m;
    }
}
