package dev.recur.cli;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.app.genre.GenreDataset;
import dev.recur.app.genre.ReportFiles;
import dev.recur.app.genre.Segments;
import dev.recur.app.genre.Track;
import dev.recur.files.AtomicFiles;
import dev.recur.train.eval.BootstrapInterval;
import dev.recur.train.eval.ClassificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur evaluate --model MODEL_DIR DATASET}: scores of a trained classifier (and its baseline) on labelled files. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained classifier on every file of DATASET/<label>/*.wav: segment and track accuracy "
                + "(mean-probability vote), per-class precision/recall/F1, confusion matrices; the mean+std baseline "
                + "stored with the model is scored side by side.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by train-classifier.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label.")
    Path dataset;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report, scores and confusion matrices (CSV and PNG) here.")
    Path out;

    @Mixin QuietOption quiet;

    @Option(names = "--group", paramLabel = "REGEX",
            description = "Files whose names share the first capture group of REGEX belong together (clips of one piece): "
                    + "the 95% intervals resample such groups instead of single files, e.g. '^(.*)__'.")
    String group;

    @Override public Integer call() throws Exception {
        GenreClassifier c = GenreClassifier.load(model);
        GenreDataset ds = GenreDataset.load(dataset, c.features(), group == null ? GenreDataset.byFile() : GenreDataset.byPattern(group),
                quiet.display().task(), null);
        for (GenreDataset.Skipped s : ds.skipped()) System.err.println("skipped " + s.reason());
        List<String> unknown = new ArrayList<>();
        for (String l : ds.labels()) if (!c.labels().contains(l)) unknown.add(l);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": label folders " + unknown + " are not classes of the model " + c.labels());
        }
        List<Track> tracks = ds.tracks();
        Segments segs = Segments.cut(tracks, c.labels(), c.segmentFrames(), c.segmentHop());
        Map<String, ClassificationReport> reports = new LinkedHashMap<>();
        reports.put("recur", ClassificationReport.of(c.labels(), segs.labels(), c.segmentProbabilities(segs.segments()), segs.trackIds()));
        if (c.baseline() != null) {
            Segments baseSegs = segs;
            if (!c.features().computesMfcc()) {
                // the baseline reads MFCCs: the same files and segments, other frames
                GenreDataset mfcc = GenreDataset.load(dataset, c.baselineFeatures(), GenreDataset.byFile(), dev.recur.progress.Progress.NONE, null);
                baseSegs = Segments.cut(mfcc.tracks(), c.labels(), c.segmentFrames(), c.segmentHop());
            }
            reports.put("mean+std baseline", ClassificationReport.of(c.labels(), baseSegs.labels(),
                    c.baseline().predictProba(baseSegs.segments()), baseSegs.trackIds()));
        }
        System.out.print(reports.get("recur").toText("recur, " + dataset));
        System.out.print(ClassificationReport.compare(reports));
        Map<String, String> groups = new java.util.HashMap<>();
        for (Track t : tracks) groups.put(t.id(), t.group());
        String intervals = BootstrapInterval.describe(reports, id -> groups.getOrDefault(id, id));
        System.out.print(intervals);
        if (out != null) {
            ReportFiles.write(reports.get("recur"), out, "eval_", "recur, evaluation");
            if (c.baseline() != null) ReportFiles.write(reports.get("mean+std baseline"), out, "baseline_eval_", "mean+std baseline, evaluation");
            AtomicFiles.writeString(out.resolve("comparison.csv"), ClassificationReport.compareCsv(reports));
            AtomicFiles.writeString(out.resolve("intervals.txt"), intervals);
            System.out.println("wrote " + out);
        }
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
