package dev.recur.cli;

import dev.recur.data.AudioDataset;
import dev.recur.data.FeatureCache;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--validation", paramLabel = "F", description = "Share of tracks (groups) for validation, which early stopping (--patience) and the baseline's L2 watch; "
            + "0: none, the epochs are fixed and the L2 is chosen by cross-validation on the training tracks (default: ${DEFAULT-VALUE}).")
    double validation = 0;

    @Option(names = "--test", paramLabel = "F", description = "Share of tracks (groups) held out for the test report (default: ${DEFAULT-VALUE}).")
    double test = 0.2;

    @Option(names = "--seed", description = "Seed of the split and of everything random (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin CacheOptions cache;

    FeatureCache featureCache() { return cache.featureCache(); }

    Function<String, String> groupOf() {
        return group == null ? AudioDataset.byFile() : AudioDataset.byPattern(group);
    }
}
