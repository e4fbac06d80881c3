package dev.recur.cli;

import dev.recur.data.FeatureCache;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --cache DIR} and {@code --no-cache} of every command that extracts features. */
final class CacheOptions {
    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: ~/.cache/recur/features).")
    Path cache;

    @Option(names = "--no-cache", description = "Compute every file's features afresh and store nothing.")
    boolean noCache;

    /** The cache to use, or null with --no-cache. */
    FeatureCache featureCache() {
        return noCache ? null : new FeatureCache(cache != null ? cache : FeatureCache.defaultDir());
    }
}
