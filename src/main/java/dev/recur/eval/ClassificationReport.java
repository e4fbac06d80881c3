package dev.recur.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a classifier did on labelled segments that belong to tracks: segment-level scores, and track-level
 * scores where each track's prediction is the argmax of the mean of its segments' probabilities. Works for any
 * model that outputs class probabilities (the RNN classifier and the mean+std baseline alike). Made by
 * {@link #of}.
 *
 * @param labels         class names by index
 * @param segments       segment-level confusion matrix
 * @param tracks         track-level confusion matrix (argmax of the mean of each track's segment probabilities)
 * @param logLoss        mean cross-entropy of the true class over segments (nats)
 * @param segmentTracks  the track of every segment, in the order the report was given them
 * @param segmentCorrect whether each segment was classified right
 * @param trackCorrect   every track (in order of first appearance) and whether its mean-probability vote was right
 */
public record ClassificationReport(List<String> labels, ConfusionMatrix segments, ConfusionMatrix tracks, double logLoss,
                                   List<String> segmentTracks, boolean[] segmentCorrect, Map<String, Boolean> trackCorrect) {

    /** Copies what it is given: a report stays as it was made. */
    public ClassificationReport {
        labels = List.copyOf(labels);
        segmentTracks = List.copyOf(segmentTracks);
        segmentCorrect = segmentCorrect.clone();
        trackCorrect = Collections.unmodifiableMap(new LinkedHashMap<>(trackCorrect));
    }

    /**
     * @param truth    true class index per segment
     * @param probs    predicted class probabilities per segment, in {@code labels} order
     * @param trackIds the track each segment comes from (all segments of a track must share one true class)
     */
    public static ClassificationReport of(List<String> labels, int[] truth, float[][] probs, List<String> trackIds) {
        int n = truth.length, k = labels.size();
        if (probs.length != n || trackIds.size() != n) {
            throw new IllegalArgumentException("need one truth, one probability row and one track id per segment (got "
                    + n + ", " + probs.length + ", " + trackIds.size() + ")");
        }
        if (n == 0) throw new IllegalArgumentException("no segments to evaluate");
        int[] predicted = new int[n];
        double loss = 0;
        Map<String, double[]> trackSum = new LinkedHashMap<>();
        Map<String, Integer> trackTruth = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (probs[i].length != k) throw new IllegalArgumentException("segment " + i + " has " + probs[i].length + " probabilities for " + k + " labels");
            predicted[i] = argmax(probs[i]);
            loss -= Math.log(Math.max(probs[i][truth[i]], 1e-12f));
            String id = trackIds.get(i);
            Integer prev = trackTruth.putIfAbsent(id, truth[i]);
            if (prev != null && prev != truth[i]) {
                throw new IllegalArgumentException("track " + id + " has segments labelled " + labels.get(prev) + " and " + labels.get(truth[i]));
            }
            double[] s = trackSum.computeIfAbsent(id, x -> new double[k]);
            for (int c = 0; c < k; c++) s[c] += probs[i][c];
        }
        int[] tTruth = new int[trackSum.size()], tPred = new int[trackSum.size()];
        Map<String, Boolean> trackRight = new LinkedHashMap<>();
        int j = 0;
        for (var e : trackSum.entrySet()) {
            tTruth[j] = trackTruth.get(e.getKey());
            tPred[j] = argmax(e.getValue());
            trackRight.put(e.getKey(), tTruth[j] == tPred[j]);
            j++;
        }
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) right[i] = predicted[i] == truth[i];
        return new ClassificationReport(labels, ConfusionMatrix.of(labels, truth, predicted),
                ConfusionMatrix.of(labels, tTruth, tPred), loss / n, trackIds, right, trackRight);
    }

    /**
     * The reports of disjoint test sets (the folds of a cross-validation) as one: confusion matrices added up,
     * segments and tracks in the order of the parts, the log loss averaged over all segments. Equal to the report
     * {@link #of} makes from all the parts' segments at once. A track in two parts is refused.
     */
    public static ClassificationReport pool(List<ClassificationReport> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no reports to pool");
        List<String> tracks = new ArrayList<>();
        Map<String, Boolean> trackRight = new LinkedHashMap<>();
        double lossSum = 0;
        int n = 0;
        for (ClassificationReport r : parts) {
            tracks.addAll(r.segmentTracks);
            lossSum += r.logLoss * r.segmentCorrect.length;
            n += r.segmentCorrect.length;
            for (var e : r.trackCorrect.entrySet()) {
                if (trackRight.put(e.getKey(), e.getValue()) != null) throw new IllegalArgumentException("track " + e.getKey() + " is in two of the reports");
            }
        }
        boolean[] right = new boolean[n];
        int i = 0;
        for (ClassificationReport r : parts) for (boolean b : r.segmentCorrect) right[i++] = b;
        return new ClassificationReport(parts.getFirst().labels,
                ConfusionMatrix.sum(parts.stream().map(ClassificationReport::segments).toList()),
                ConfusionMatrix.sum(parts.stream().map(ClassificationReport::tracks).toList()), lossSum / n, tracks, right, trackRight);
    }

    /** Whether segment i was classified right. */
    public boolean segmentCorrect(int i) { return segmentCorrect[i]; }

    /** A copy (the report stays as it was made). */
    @Override public boolean[] segmentCorrect() { return segmentCorrect.clone(); }

    public double segmentAccuracy() { return segments.accuracy(); }
    public double trackAccuracy() { return tracks.accuracy(); }

    /** A readable summary: accuracies, per-class precision/recall/F1 (segments) and both confusion matrices. */
    public String toText(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "segments: %d, accuracy %.1f%%, macro F1 %.3f, log loss %.3f%n",
                segments.total(), 100 * segmentAccuracy(), segments.macroF1(), logLoss));
        sb.append(String.format(Locale.ROOT, "tracks:   %d, accuracy %.1f%% (mean-probability vote), macro F1 %.3f%n",
                tracks.total(), 100 * trackAccuracy(), tracks.macroF1()));
        int w = 5;
        for (String l : labels) w = Math.max(w, l.length());
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  precision  recall     f1  support   (segments)%n", "class"));
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9.3f  %6.3f  %5.3f  %7d%n", labels.get(c),
                    segments.precision(c), segments.recall(c), segments.f1(c), segments.support(c)));
        }
        sb.append("confusion (segments):\n").append(segments.toText());
        sb.append("confusion (tracks):\n").append(tracks.toText());
        return sb.toString();
    }

    /** One line per model: segment and track accuracy and macro F1, side by side. */
    public static String compare(Map<String, ClassificationReport> byModel) {
        int w = 5;
        for (String m : byModel.keySet()) w = Math.max(w, m.length());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  segment acc  track acc  segment F1  log loss%n", "model"));
        for (var e : byModel.entrySet()) {
            ClassificationReport r = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %10.1f%%  %8.1f%%  %10.3f  %8.3f%n", e.getKey(),
                    100 * r.segmentAccuracy(), 100 * r.trackAccuracy(), r.segments().macroF1(), r.logLoss()));
        }
        return sb.toString();
    }

    /** {@code model,segments,segment_accuracy,tracks,track_accuracy,segment_macro_f1,log_loss}, one row per model. */
    public static String compareCsv(Map<String, ClassificationReport> byModel) {
        List<String> lines = new ArrayList<>();
        lines.add("model,segments,segment_accuracy,tracks,track_accuracy,segment_macro_f1,log_loss");
        for (var e : byModel.entrySet()) {
            ClassificationReport r = e.getValue();
            lines.add(String.format(Locale.ROOT, "%s,%d,%.6f,%d,%.6f,%.6f,%.6f", dev.recur.files.CsvText.field(e.getKey()), r.segments().total(),
                    r.segmentAccuracy(), r.tracks().total(), r.trackAccuracy(), r.segments().macroF1(), r.logLoss()));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Index of the largest value; the first one on ties. */
    public static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }
}
