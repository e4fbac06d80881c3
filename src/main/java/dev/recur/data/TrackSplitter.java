package dev.recur.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns whole tracks to train, validation and test, per label (stratified), so segments of one track
 * never land on two sides. Deterministic: the same track names and seed always give the same split,
 * whatever order they are listed in.
 */
public final class TrackSplitter {
    private TrackSplitter() {}

    /** {@code tracksByLabel}: label to its track ids. Returns track id to split. */
    public static Map<String, Split> split(Map<String, List<String>> tracksByLabel, SplitRatios ratios, long seed) {
        Map<String, Split> out = new TreeMap<>();
        Random rnd = new Random(seed);
        for (Map.Entry<String, List<String>> e : new TreeMap<>(tracksByLabel).entrySet()) {
            List<String> tracks = new ArrayList<>(e.getValue());
            Collections.sort(tracks);
            Collections.shuffle(tracks, rnd);
            int n = tracks.size();
            int test = (int) Math.round(n * ratios.test());
            int val = (int) Math.round(n * ratios.validation());
            if (test + val >= n) { test = Math.min(test, (n - 1) / 2); val = Math.min(val, n - 1 - test); }
            for (int i = 0; i < n; i++) {
                Split s = i < test ? Split.TEST : i < test + val ? Split.VALIDATION : Split.TRAIN;
                if (out.put(tracks.get(i), s) != null) throw new IllegalArgumentException("track listed twice: " + tracks.get(i));
            }
        }
        return out;
    }
}
