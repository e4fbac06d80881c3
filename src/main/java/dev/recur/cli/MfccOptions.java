package dev.recur.cli;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The MFCC and segment options of {@code recur features} ({@code --segment}, {@code --deltas}, {@code --hop},
 * ...), with their defaults: a picocli mixin, so every command that computes features (also the Spark jobs of
 * recur-spark) takes the same options.
 */
public final class MfccOptions {
    @Option(names = "--segment", paramLabel = "SECONDS", defaultValue = "9", description = "Segment length (default ${DEFAULT-VALUE}).")
    double segmentSeconds;

    @Option(names = "--overlap", paramLabel = "FRACTION", defaultValue = "0", description = "Overlap of consecutive segments, in [0, 1) (default ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--pad", description = "Keep a short last segment (and files shorter than one segment), zero-padded.")
    boolean pad;

    @Option(names = "--deltas", description = "Append first-order deltas.")
    boolean deltas;

    @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "22050", description = "Analysis sample rate in Hz (default ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "2048", description = "Frame (FFT) size in samples (default ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--hop", paramLabel = "N", defaultValue = "512", description = "Hop in samples (default ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--coefficients", paramLabel = "N", defaultValue = "13", description = "MFCCs per frame (default ${DEFAULT-VALUE}).")
    int coefficients;

    @Option(names = "--mel-bands", paramLabel = "N", defaultValue = "40", description = "Mel filters (default ${DEFAULT-VALUE}).")
    int melBands;

    @Option(names = "--low-hz", paramLabel = "HZ", defaultValue = "25", description = "Lowest mel filter edge (default ${DEFAULT-VALUE}).")
    double lowHz;

    @Option(names = "--high-hz", paramLabel = "HZ", description = "Highest mel filter edge (default: half the sample rate).")
    Double highHz;

    /** The MFCC settings; an invalid value is a usage error of {@code cl}. */
    public FeatureSettings features(CommandLine cl) {
        try {
            return new FeatureSettings(sampleRate, frame, hop, coefficients, melBands, lowHz, highHz == null ? sampleRate / 2.0 : highHz, deltas);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The segment settings; an invalid value is a usage error of {@code cl}. */
    public SegmentSettings segments(CommandLine cl) {
        try {
            return new SegmentSettings(segmentSeconds, overlap, pad);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
