package dev.recur.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class TrackSplitTest {

    static Track track(String label, String name, String group) {
        return new Track(Path.of(label, name), label + "/" + name, label, group, new float[1][1]);
    }

    /** 10 labels × 100 tracks, each its own group (GTZAN). */
    static List<Track> gtzanLike() {
        List<Track> ts = new ArrayList<>();
        for (int l = 0; l < 10; l++) for (int i = 0; i < 100; i++) ts.add(track("g" + l, "t" + i + ".wav", "g" + l + "/t" + i));
        return ts;
    }

    /** 20 pieces, each rendered in all of 6 instrument classes. */
    static List<Track> piecesInEveryClass() {
        List<Track> ts = new ArrayList<>();
        for (String c : List.of("brass", "flute", "guitar", "organ", "piano", "strings")) {
            for (int p = 0; p < 20; p++) ts.add(track(c, "piece" + p + "__" + c + ".wav", "piece" + p));
        }
        return ts;
    }

    @Test void byTrackSplitIsStratifiedDisjointAndComplete() {
        List<Track> all = gtzanLike();
        TrackSplit s = TrackSplit.of(all, 0.15, 0.2, 42);
        assertEquals(1000, s.train().size() + s.validation().size() + s.test().size());
        assertEquals(1000, s.sides().size());
        Map<String, Long> testPerLabel = s.test().stream().collect(Collectors.groupingBy(Track::label, Collectors.counting()));
        assertEquals(10, testPerLabel.size());
        testPerLabel.values().forEach(n -> assertEquals(20L, n));
        s.validation().stream().collect(Collectors.groupingBy(Track::label, Collectors.counting())).values()
                .forEach(n -> assertEquals(15L, n));
    }

    /** Two labels' files that the group pattern names alike (menu__1.wav in two games) stay one group on one side,
     *  and the other groups are still stratified per label (they were not, while one such group turned it off). */
    @Test void aGroupSpanningTwoLabelsLeavesTheOthersStratified() {
        List<Track> all = new ArrayList<>(gtzanLike());
        all.add(track("g0", "menu__1.wav", "menu"));
        all.add(track("g3", "menu__1.wav", "menu"));
        for (long seed = 1; seed <= 20; seed++) {
            TrackSplit s = TrackSplit.of(all, 0, 0.2, seed);
            Map<String, Long> testPerLabel = s.test().stream().filter(t -> !t.group().equals("menu"))
                    .collect(Collectors.groupingBy(Track::label, Collectors.counting()));
            assertEquals(10, testPerLabel.size());
            testPerLabel.values().forEach(n -> assertEquals(20L, n));
            assertEquals(1, s.sides().entrySet().stream().filter(e -> e.getKey().endsWith("menu__1.wav"))
                    .map(Map.Entry::getValue).distinct().count());
        }
    }

    @Test void noPieceIsOnTwoSides() {
        TrackSplit s = TrackSplit.of(piecesInEveryClass(), 0.15, 0.2, 7);
        Set<String> train = groups(s.train()), val = groups(s.validation()), test = groups(s.test());
        assertTrue(disjoint(train, val) && disjoint(train, test) && disjoint(val, test));
        assertEquals(4, test.size());       // 20 % of 20 pieces
        assertEquals(3, val.size());
        assertEquals(24, s.test().size());  // every class of each test piece
    }

    @Test void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Track> all = gtzanLike();
        assertEquals(TrackSplit.of(all, 0.1, 0.2, 3), TrackSplit.of(all, 0.1, 0.2, 3));
        assertNotEquals(TrackSplit.of(all, 0.1, 0.2, 3).test(), TrackSplit.of(all, 0.1, 0.2, 4).test());
    }

    /** Cross-validation folds: every group tested exactly once, stratified, a piece's renderings together, seeded. */
    @Test void foldsTestEveryGroupOnceStratified() {
        List<Track> all = new ArrayList<>(gtzanLike());
        all.add(track("g0", "menu__1.wav", "menu"));
        all.add(track("g3", "menu__1.wav", "menu"));
        List<TrackSplit> folds = TrackSplit.folds(all, 5, 9);
        assertEquals(5, folds.size());
        Map<String, Integer> tested = new java.util.HashMap<>();
        for (TrackSplit f : folds) {
            assertTrue(f.validation().isEmpty());
            assertEquals(all.size(), f.train().size() + f.test().size());
            for (Track t : f.test()) tested.merge(t.id(), 1, Integer::sum);
            Map<String, Long> perLabel = f.test().stream().filter(t -> !t.group().equals("menu"))
                    .collect(Collectors.groupingBy(Track::label, Collectors.counting()));
            perLabel.values().forEach(n -> assertEquals(20L, n, "100 tracks of each label over 5 folds"));
            assertTrue(disjoint(groups(f.train()), groups(f.test())));
        }
        assertEquals(all.size(), tested.size());
        tested.values().forEach(n -> assertEquals(1, n));
        assertEquals(TrackSplit.folds(all, 5, 9), folds);
        assertNotEquals(TrackSplit.folds(all, 5, 10), folds);

        List<TrackSplit> pieces = TrackSplit.folds(piecesInEveryClass(), 3, 1);
        for (TrackSplit f : pieces) {
            assertEquals(0, f.test().size() % 6, "all six renderings of a test piece");
            assertTrue(disjoint(groups(f.train()), groups(f.test())));
        }
        assertEquals(List.of(42, 42, 36), pieces.stream().map(f -> f.test().size()).toList(), "20 pieces: 7, 7 and 6 per fold");
        assertThrows(IllegalArgumentException.class, () -> TrackSplit.folds(piecesInEveryClass(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TrackSplit.folds(piecesInEveryClass(), 21, 1));
    }

    @Test void rejectsImpossibleSplits() {
        assertThrows(IllegalArgumentException.class, () -> TrackSplit.of(gtzanLike(), 0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> TrackSplit.of(List.of(track("a", "x", "x")), 0.1, 0.2, 1));
    }

    static Set<String> groups(List<Track> ts) { return ts.stream().map(Track::group).collect(Collectors.toSet()); }

    static boolean disjoint(Set<String> a, Set<String> b) {
        Set<String> c = new HashSet<>(a);
        c.retainAll(b);
        return c.isEmpty();
    }
}
