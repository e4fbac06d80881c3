package dev.recur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recur.app.genre.BaselineFit;
import dev.recur.data.AudioDataset;
import dev.recur.app.genre.ReportFiles;
import dev.recur.data.Segments;
import dev.recur.data.TrackSplit;
import dev.recur.audio.FeatureSettings;
import dev.recur.files.AtomicFiles;
import dev.recur.eval.ClassificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur baseline DATASET --out DIR}: the mean+std MFCC logistic-regression baseline on a track split. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Fit the mean+std MFCC baseline (per-coefficient mean and standard deviation of each segment, "
                + "standardised, multinomial logistic regression with L2 chosen on validation) on DATASET/<label>/*.wav "
                + "and report segment and track accuracy on held-out tracks.")
final class BaselineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for baseline.json, split.csv and the test report.")
    Path out;

    @Mixin GenreDataOptions data;

    @Mixin QuietOption quiet;

    @Override public Integer call() throws Exception {
        FeatureSettings fs = FeatureSettings.defaults();
        AudioDataset ds = AudioDataset.load(dataset, fs, data.groupOf(), quiet.display().task(), data.featureCache());
        for (AudioDataset.Skipped s : ds.skipped()) System.err.println("skipped " + s.reason());
        TrackSplit split = TrackSplit.of(ds.tracks(), data.validation, data.test, data.seed);
        int frames = fs.frames((int) Math.round(data.segmentSeconds * fs.sampleRate()));
        Segments train = Segments.cut(split.train(), ds.labels(), frames);
        Segments val = Segments.cut(split.validation(), ds.labels(), frames);
        Segments test = Segments.cut(split.test(), ds.labels(), frames);
        BaselineFit.Result fit = BaselineFit.fit(train, val, ds.labels(), fs.coefficients());
        ClassificationReport report = ClassificationReport.of(ds.labels(), test.labels(),
                fit.model().predictProba(test.segments()), test.trackIds());

        split.writeCsv(out.resolve("split.csv"));
        ReportFiles.write(report, out, "baseline_test_", "mean+std baseline, test");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", "mean-std-logistic-regression");
        json.put("features", fs);
        json.put("segmentSeconds", data.segmentSeconds);
        json.put("framesPerSegment", frames);
        json.put("l2", fit.l2());
        json.put("baseline", fit.model().state());
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
        AtomicFiles.write(out.resolve("baseline.json"), o -> o.write(bytes));

        System.out.printf(Locale.ROOT, "dataset   %d tracks in %d classes (%d skipped); split by %s, seed %d%n",
                ds.tracks().size(), ds.labels().size(), ds.skipped().size(), data.group == null ? "file" : "group " + data.group, data.seed);
        System.out.printf(Locale.ROOT, "split     train %d tracks / %d segments, validation %d / %d, test %d / %d (%d frames per segment)%n",
                split.train().size(), train.size(), split.validation().size(), val.size(), split.test().size(), test.size(), frames);
        System.out.printf(Locale.ROOT, "l2        %s%s%n", fit.l2(), Double.isNaN(fit.validationLogLoss()) ? " (default: too few tracks to choose)"
                : String.format(Locale.ROOT, " (chosen by %s, held-out log loss %.3f)", fit.chosenBy(), fit.validationLogLoss()));
        System.out.print(report.toText("mean+std baseline, test"));
        System.out.println("wrote " + out);
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
