package dev.recur.app.genre;

import dev.recur.files.AtomicFiles;
import dev.recur.plot.ConfusionMatrixPlot;
import dev.recur.eval.ClassificationReport;

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
}
