package dev.recur.cli;

import dev.recur.audio.AudioFiles;
import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.TrackMfcc;
import dev.recur.data.FeatureCache;
import dev.recur.data.FeatureCsv;
import dev.recur.data.FeatureExtractor;
import dev.recur.data.TrackFeatures;
import dev.recur.files.AtomicFiles;
import dev.recur.plot.MfccHeatMap;
import dev.recur.progress.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur features}: audio files and folders to a CSV of MFCC frames, or one file's MFCCs as a heat map. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Extract MFCC frames from audio files and folders (searched recursively).",
                "Writes one CSV row per frame: file, segment, frame, mfcc_0..mfcc_N (then delta_0.. with --deltas).",
                "With --plot, draws the MFCCs of one file as a heat map (time on x)."})
final class FeaturesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Audio files or folders.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "CSV", description = "CSV file to write.")
    Path out;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the MFCC matrix of the single input FILE as a PNG heat map.")
    Path plot;

    @Mixin MfccOptions mfcc;

    @Option(names = "--threads", paramLabel = "N", description = "Files processed in parallel (default: all cores).")
    Integer threads;

    @Mixin CacheOptions caching;

    @Mixin QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (out == null && plot == null) throw new CommandLine.ParameterException(cl, "give --out FILE.csv, --plot FILE.png, or both");
        FeatureSettings fs = mfcc.features(cl);
        SegmentSettings ss = mfcc.segments(cl);
        PrintWriter err = cl.getErr(), stdout = cl.getOut();
        FeatureCache cache = caching.featureCache();
        List<String> skipped = new ArrayList<>();
        List<Path> files = expand(inputs, skipped, err);
        int threadCount = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();

        if (plot != null) {
            if (inputs.size() != 1 || !Files.isRegularFile(inputs.get(0))) throw new CommandLine.ParameterException(cl, "--plot takes exactly one FILE");
            return plotOne(inputs.get(0), fs, ss, cache, stdout);
        }

        FeatureExtractor ex = new FeatureExtractor(fs, ss, cache);
        Display display = quiet.display();
        Progress progress = display.task();
        long start = System.nanoTime();
        int[] counts = new int[4]; // ok files, cached, segments, frames
        double[] seconds = {0};
        List<FeatureExtractor.Outcome> tooShort = new ArrayList<>();
        try (AtomicFiles.Output file = AtomicFiles.open(out);
             FeatureCsv.Writer csv = new FeatureCsv.Writer(file.stream(), fs.coefficients(), fs.deltas())) {
            IOException[] writeError = {null};
            progress.start("features", files.size());
            ex.forEach(files, threadCount, o -> {
                progress.step();
                if (!o.ok()) {
                    if (o.tooShort()) tooShort.add(o);   // one line for all of them, with the fix, at the end
                    else display.println(o.error());
                    skipped.add(o.file().toString());
                    return;
                }
                if (writeError[0] != null) return;
                try {
                    csv.write(o.features());
                } catch (IOException e) {
                    writeError[0] = e;
                }
                TrackFeatures f = o.features();
                counts[0]++;
                if (o.cached()) counts[1]++;
                counts[2] += f.segments().length;
                counts[3] += f.frames();
                seconds[0] += f.seconds();
            });
            progress.finish();
            if (writeError[0] != null) throw new IOException(out + ": could not write (" + writeError[0].getMessage() + ")");
            if (counts[0] > 0) {
                csv.flush();
                file.commit();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        stdout.println(String.format(Locale.ROOT,
                "features: %d file%s (%d from cache), %d segments, %d frames from %s of audio in %.1f s (%.0fx realtime, %d thread%s)%s",
                counts[0], counts[0] == 1 ? "" : "s", counts[1], counts[2], counts[3], duration(seconds[0]), wall,
                seconds[0] / Math.max(wall, 1e-9), threadCount, threadCount == 1 ? "" : "s",
                counts[0] > 0 ? " -> " + out : "; nothing written"));
        if (!tooShort.isEmpty()) {
            err.println(tooShortLine(tooShort, ss.seconds()));
            err.flush();
        }
        if (!skipped.isEmpty()) stdout.println("skipped " + skipped.size() + ": " + firstFew(skipped, 10));
        stdout.flush();
        if (counts[0] == 0) return ExitCodes.FAILURE;
        return skipped.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private int plotOne(Path file, FeatureSettings fs, SegmentSettings ss, FeatureCache cache, PrintWriter stdout) throws IOException {
        // A plot shows the whole file as one stretch of frames, streamed (the matrix in memory, not the samples).
        float[][] m = TrackMfcc.whole(file, fs);
        if (m.length == 0) throw new IOException(file + ": too short to plot (not one MFCC frame)");
        String title = file.getFileName() + " - " + fs.coefficients() + " MFCCs, " + m.length + " frames";
        MfccHeatMap.write(m, fs.coefficients(), fs.hopSize() / (double) fs.sampleRate(), title, plot);
        stdout.println("plot: " + plot + " (" + m.length + " frames x " + fs.coefficients() + " coefficients)");
        if (out != null) {
            FeatureExtractor.Outcome o = new FeatureExtractor(fs, ss, cache).extract(file);
            if (!o.ok()) throw new IOException(o.error());
            AtomicFiles.write(out, stream -> {
                try (FeatureCsv.Writer csv = new FeatureCsv.Writer(stream, fs.coefficients(), fs.deltas())) {
                    csv.write(o.features());
                }
            });
            stdout.println("features: " + file + " -> " + out);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Files as given, folders walked for audio files (sorted); missing paths and empty folders are reported. */
    static List<Path> expand(List<Path> inputs, List<String> skipped, PrintWriter err) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> found = AudioFiles.list(in);
                if (found.isEmpty()) {
                    err.println(in + ": no audio files in this folder");
                    skipped.add(in.toString());
                }
                files.addAll(found);
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                err.println(in + ": no such file or folder");
                skipped.add(in.toString());
            }
        }
        err.flush();
        return files;
    }

    /**
     * One line for every file shorter than one segment (a folder of 2.5 s clips gave one line per clip): how
     * many, how long, and the two ways to keep them.
     */
    static String tooShortLine(List<FeatureExtractor.Outcome> tooShort, double segment) {
        double min = tooShort.stream().mapToDouble(FeatureExtractor.Outcome::shortSeconds).min().orElse(0);
        double max = tooShort.stream().mapToDouble(FeatureExtractor.Outcome::shortSeconds).max().orElse(0);
        int n = tooShort.size();
        String seg = String.format(Locale.ROOT, "%s s", segment == Math.rint(segment) ? Long.toString((long) segment) : Double.toString(segment));
        String lengths = n == 1 || min == max ? String.format(Locale.ROOT, "%.2f s", min) : String.format(Locale.ROOT, "%.2f to %.2f s", min, max);
        double shorter = Math.floor(min * 10) / 10;
        return (n == 1 ? tooShort.getFirst().file() + " is" : n + " files are") + " shorter than one " + seg + " segment ("
                + lengths + ") and " + (n == 1 ? "was" : "were") + " skipped"
                + (n == 1 ? "" : ": " + firstFew(tooShort.stream().map(o -> o.file().toString()).toList(), 3))
                + "; --pad keeps " + (n == 1 ? "it" : "them") + ", zero-padded to " + seg
                + (shorter > 0 ? ", or give a shorter segment (--segment " + (shorter == Math.rint(shorter) ? Long.toString((long) shorter) : Double.toString(shorter)) + ")" : "");
    }

    private static String firstFew(List<String> names, int few) {
        if (names.size() <= few) return String.join(", ", names);
        return String.join(", ", names.subList(0, few)) + " and " + (names.size() - few) + " more";
    }

    private static String duration(double s) {
        Duration d = Duration.ofMillis(Math.round(s * 1000));
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }
}
