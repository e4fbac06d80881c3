package dev.recur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.app.melody.MelodyEvaluation;
import dev.recur.app.melody.MelodyModel;
import dev.recur.app.genre.ReportFiles;
import dev.recur.data.AudioDataset;
import dev.recur.data.Segments;
import dev.recur.data.Track;
import dev.recur.data.TrackSplit;
import dev.recur.files.AtomicFiles;
import dev.recur.progress.Progress;
import dev.recur.eval.BootstrapInterval;
import dev.recur.eval.ClassificationReport;
import dev.recur.io.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur evaluate --model MODEL_DIR DATASET}: scores of a trained classifier (and its baseline) on labelled files. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained classifier on DATASET/<label>/*.wav: segment and track accuracy (mean-probability vote), "
                + "per-class precision/recall/F1, confusion matrices; the mean+std baseline stored with the model is scored side by side.",
                "When the model's split.csv names tracks of DATASET (the folder it was trained on), only the tracks of its test side "
                + "are scored, since the others were trained or validated on; --all scores every track.",
                "With a melody model (train-melody), DATASET is a folder of MIDI files: perplexity per event and next-event accuracy "
                + "beside the n-gram baseline training fitted; on the training folder only the files training held out "
                + "(the model's heldout.txt) are scored unless --all is given."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by train-classifier or train-melody.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label (classifier), "
            + "or of MIDI files (melody model).")
    Path dataset;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report, scores and confusion matrices (CSV and PNG) here.")
    Path out;

    @Option(names = "--all", description = "Score every track (file), also those the model's split.csv (heldout.txt) puts on its "
            + "training or validation side.")
    boolean all;

    @Option(names = "--fit-cache", description = "Melody model: fit its copy cache on the files scored (the held-out ones "
            + "of the training folder, as train-melody does) and store it in its model.json, e.g. for a model trained before "
            + "train-melody fitted one.")
    boolean fitCache;

    @Mixin CacheOptions caching;

    @Mixin QuietOption quiet;

    @Option(names = "--group", paramLabel = "REGEX",
            description = "Files whose names share the first capture group of REGEX belong together (clips of one piece): "
                    + "the 95% intervals resample such groups instead of single files, e.g. '^(.*)__'.")
    String group;

    @Override public Integer call() throws Exception {
        if (MelodyModel.TASK.equals(task(model))) {
            Display display = quiet.display();
            MelodyEvaluation.Report r = MelodyEvaluation.run(model, dataset, all, fitCache, display.task());
            for (String s : r.skipped()) display.println("skipped " + s);
            MelodyEvaluation.print(System.out, r);
            return r.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        if (fitCache) throw new UsageError("--fit-cache is for melody models (train-melody); " + model + " is not one");
        GenreClassifier c = GenreClassifier.load(model);
        Display display = quiet.display();
        AudioDataset ds = AudioDataset.load(dataset, c.features(), group == null ? AudioDataset.byFile() : AudioDataset.byPattern(group),
                display.task(), caching.featureCache());
        for (AudioDataset.Skipped s : ds.skipped()) display.println("skipped " + s.reason());
        List<String> unknown = new ArrayList<>();
        for (String l : ds.labels()) if (!c.labels().contains(l)) unknown.add(l);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": label folders " + unknown + " are not classes of the model " + c.labels());
        }
        List<Track> tracks = scored(ds.tracks());
        Segments segs = Segments.cut(tracks, c.labels(), c.segmentFrames(), c.segmentHop());
        Map<String, ClassificationReport> reports = new LinkedHashMap<>();
        reports.put("recur", ClassificationReport.of(c.labels(), segs.labels(), c.segmentProbabilities(segs.segments()), segs.trackIds()));
        if (c.baseline() != null) {
            Segments baseSegs = segs;
            if (!c.features().computesMfcc()) {
                // the baseline reads MFCCs: the same tracks and segments, other frames
                Map<String, Track> mfcc = new HashMap<>();
                for (Track t : AudioDataset.load(dataset, c.baselineFeatures(), AudioDataset.byFile(), Progress.NONE, caching.featureCache()).tracks()) {
                    mfcc.put(t.id(), t);
                }
                List<Track> same = new ArrayList<>();
                for (Track t : tracks) {
                    Track m = mfcc.get(t.id());
                    if (m == null) throw new IOException(t.file() + ": its MFCCs for the baseline could not be computed");
                    same.add(m);
                }
                baseSegs = Segments.cut(same, c.labels(), c.segmentFrames(), c.segmentHop());
            }
            reports.put("mean+std baseline", ClassificationReport.of(c.labels(), baseSegs.labels(),
                    c.baseline().predictProba(baseSegs.segments()), baseSegs.trackIds()));
        }
        System.out.print(reports.get("recur").toText("recur, " + dataset));
        System.out.print(ClassificationReport.compare(reports));
        Map<String, String> groups = new HashMap<>();
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

    /**
     * The tracks to score: without --all, when the model's split.csv names tracks of the dataset, those of its
     * test side only (one line on stdout says so); else all of them.
     */
    private List<Track> scored(List<Track> tracks) throws IOException {
        Path splitCsv = model.resolve("split.csv");
        if (all || !Files.isRegularFile(splitCsv)) return tracks;
        Map<String, TrackSplit.Side> sides = TrackSplit.readSides(splitCsv);
        List<Track> test = new ArrayList<>();
        int seen = 0, unlisted = 0;
        for (Track t : tracks) {
            TrackSplit.Side side = sides.get(t.id());
            if (side == null) unlisted++;
            else seen++;
            if (side == TrackSplit.Side.TEST) test.add(t);
        }
        if (seen == 0) return tracks;   // another dataset than the model's: nothing of it was trained on
        if (test.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": none of its tracks is on the test side of " + splitCsv + "; --all scores every track");
        }
        System.out.printf(Locale.ROOT, "scoring the %d test tracks of %s (the model's split): %d tracks it was trained or validated on%s "
                + "are left out; --all scores every track%n", test.size(), splitCsv, seen - test.size(),
                unlisted == 0 ? "" : " and " + unlisted + " tracks the split does not name");
        return test;
    }

    /** The task named in MODEL_DIR/model.json, or null when it cannot be read (the loader then says why). */
    private static String task(Path dir) {
        try {
            return new ObjectMapper().readTree(dir.resolve(ModelStore.CONFIG_FILE).toFile()).path("task").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
