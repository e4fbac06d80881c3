package dev.recur.cli;

import dev.recur.app.genre.GenreDataset;
import dev.recur.data.FeatureCache;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import java.util.function.Function;

/** Dataset, segmenting and split options shared by the genre commands. */
final class GenreDataOptions {
    @Option(names = "--segment-seconds", paramLabel = "S",
            description = "Segment length in seconds (default: ${DEFAULT-VALUE}; 9 s = 387 MFCC frames).")
    double segmentSeconds = 9;

    @Option(names = "--group", paramLabel = "REGEX",
            description = "Split by the first capture group of REGEX in the file name instead of by file, e.g. "
                    + "'^(.*)__' when piece__instrument.wav renders one piece in several classes.")
    String group;

    @Option(names = "--validation", paramLabel = "F", description = "Share of tracks (groups) for validation (default: ${DEFAULT-VALUE}).")
    double validation = 0.15;

    @Option(names = "--test", paramLabel = "F", description = "Share of tracks (groups) held out for the test report (default: ${DEFAULT-VALUE}).")
    double test = 0.2;

    @Option(names = "--seed", description = "Seed of the split and of everything random (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: ~/.cache/recur/features).")
    Path cache;

    @Option(names = "--no-cache", description = "Compute every file's MFCCs afresh and store nothing.")
    boolean noCache;

    FeatureCache featureCache() {
        return noCache ? null : new FeatureCache(cache != null ? cache : FeatureCache.defaultDir());
    }

    Function<String, String> groupOf() {
        return group == null ? GenreDataset.byFile() : GenreDataset.byPattern(group);
    }
}
