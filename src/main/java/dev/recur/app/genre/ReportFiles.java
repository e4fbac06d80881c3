package dev.recur.app.genre;

import dev.recur.files.AtomicFiles;
import dev.recur.plot.ConfusionMatrixPlot;
import dev.recur.train.eval.ClassificationReport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link ClassificationReport} as files: {@code <prefix>report.txt}, {@code <prefix>scores.csv}
 * (per-class precision/recall/F1 on segments) and the segment and track confusion matrices as
 * {@code <prefix>confusion_segments.csv/.png} and {@code <prefix>confusion_tracks.csv/.png}.
 */
public final class ReportFiles {
    private ReportFiles() {}

    public static void write(ClassificationReport r, Path dir, String prefix, String title) throws IOException {
        AtomicFiles.writeString(dir.resolve(prefix + "report.txt"), r.toText(title));
        AtomicFiles.writeString(dir.resolve(prefix + "scores.csv"), r.segments().scoresCsv());
        AtomicFiles.writeString(dir.resolve(prefix + "confusion_segments.csv"), r.segments().toCsv());
        AtomicFiles.writeString(dir.resolve(prefix + "confusion_tracks.csv"), r.tracks().toCsv());
        ConfusionMatrixPlot.writePng(r.segments(), title + " (segments)", dir.resolve(prefix + "confusion_segments.png"));
        ConfusionMatrixPlot.writePng(r.tracks(), title + " (tracks)", dir.resolve(prefix + "confusion_tracks.png"));
    }

    /** {@code track,group,side} for every track of a split: shows (and lets a test prove) there is no leakage. */
    public static void writeSplit(TrackSplit split, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("track,group,side\n");
        for (var part : java.util.List.of(split.train(), split.validation(), split.test())) {
            for (Track t : part) sb.append(csv(t.id())).append(',').append(csv(t.group())).append(',')
                    .append(split.sides().get(t.id()).name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
