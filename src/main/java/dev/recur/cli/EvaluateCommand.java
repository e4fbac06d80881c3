package dev.recur.cli;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.app.genre.GenreDataset;
import dev.recur.app.genre.ReportFiles;
import dev.recur.app.genre.Segments;
import dev.recur.app.genre.Track;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.app.melody.MelodyEvaluation;
import dev.recur.app.melody.MelodyModel;
import dev.recur.files.AtomicFiles;
import dev.recur.io.ModelStore;
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

/**
 * {@code recur evaluate --model MODEL_DIR DATASET}: scores of a trained classifier (and its baseline) on labelled
 * files, or of a melody model (and its n-gram baseline) on a MIDI folder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained classifier on every file of DATASET/<label>/*.wav: segment and track accuracy "
                + "(mean-probability vote), per-class precision/recall/F1, confusion matrices; the mean+std baseline "
                + "stored with the model is scored side by side. With a melody model (train-melody), DATASET is a folder "
                + "of MIDI files: perplexity per event and next-event accuracy, next to the n-gram baseline training fitted.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by train-classifier or train-melody.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label (classifier), "
            + "or of MIDI files (melody model).")
    Path dataset;

    @Option(names = "--heldout", description = "Melody model: score only the files its training held out (DATASET must be "
            + "the folder it was trained on).")
    boolean heldOut;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report, scores and confusion matrices (CSV and PNG) here.")
    Path out;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        if (MelodyModel.TASK.equals(task(model))) {
            MelodyEvaluation.Report r = MelodyEvaluation.run(model, dataset, heldOut, quiet.display().task());
            for (String s : r.skipped()) System.err.println("skipped " + s);
            MelodyEvaluation.print(System.out, r);
            return r.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        if (heldOut) throw new IllegalArgumentException("--heldout is for melody models; " + model + " is not one");
        GenreClassifier c = GenreClassifier.load(model);
        GenreDataset ds = GenreDataset.load(dataset, c.features(), GenreDataset.byFile(), quiet.display().task(), null);
        for (GenreDataset.Skipped s : ds.skipped()) System.err.println("skipped " + s.reason());
        List<String> unknown = new ArrayList<>();
        for (String l : ds.labels()) if (!c.labels().contains(l)) unknown.add(l);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": label folders " + unknown + " are not classes of the model " + c.labels());
        }
        List<Track> tracks = ds.tracks();
        Segments segs = Segments.cut(tracks, c.labels(), c.segmentFrames());
        Map<String, ClassificationReport> reports = new LinkedHashMap<>();
        reports.put("recur", ClassificationReport.of(c.labels(), segs.labels(), c.segmentProbabilities(segs.segments()), segs.trackIds()));
        if (c.baseline() != null) {
            reports.put("mean+std baseline", ClassificationReport.of(c.labels(), segs.labels(),
                    c.baseline().predictProba(segs.segments()), segs.trackIds()));
        }
        System.out.print(reports.get("recur").toText("recur, " + dataset));
        System.out.print(ClassificationReport.compare(reports));
        if (out != null) {
            ReportFiles.write(reports.get("recur"), out, "eval_", "recur, evaluation");
            if (c.baseline() != null) ReportFiles.write(reports.get("mean+std baseline"), out, "baseline_eval_", "mean+std baseline, evaluation");
            AtomicFiles.writeString(out.resolve("comparison.csv"), ClassificationReport.compareCsv(reports));
            System.out.println("wrote " + out);
        }
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    /** The task named in MODEL_DIR/model.json, or null when it cannot be read (the loader then says why). */
    private static String task(Path dir) {
        try {
            return new ObjectMapper().readTree(dir.resolve(ModelStore.CONFIG_FILE).toFile()).path("task").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
