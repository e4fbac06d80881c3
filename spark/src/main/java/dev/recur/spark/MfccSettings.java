package dev.recur.spark;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * MFCC and segment settings as they travel to the executors: the core's two records, which Java serialization
 * (what Spark uses for closures) rebuilds through their constructors, so they are checked on the other side.
 */
public record MfccSettings(FeatureSettings features, SegmentSettings segments) implements Serializable {

    public MfccSettings {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(segments, "segments");
    }

    public static MfccSettings defaults() {
        return new MfccSettings(FeatureSettings.defaults(), SegmentSettings.defaults());
    }

    /** The settings' canonical text (the feature cache's key): every setting that changes the numbers. */
    public String key() { return CoreCalls.settingsKey(features(), segments()); }

    /** First 16 hex digits of the SHA-256 of {@link #key()}: the {@code settings_hash} column. */
    public String hash() { return hash(key()); }

    static String hash(String key) {
        return sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Seconds from one segment start to the next. */
    public double stepSeconds() {
        FeatureSettings fs = features();
        return segments().step(fs.sampleRate()) / (double) fs.sampleRate();
    }

    /**
     * The {@code features} options that give these settings ({@code --segment 9 --deltas}, ...): what to
     * pass when a table does not match a model.
     */
    public String options() {
        FeatureSettings f = features(), d = FeatureSettings.defaults();
        SegmentSettings s = segments();
        StringBuilder b = new StringBuilder("--segment ").append(num(s.seconds()));
        if (s.overlap() != 0) b.append(" --overlap ").append(num(s.overlap()));
        if (s.padLast()) b.append(" --pad");
        if (f.deltas()) b.append(" --deltas");
        if (f.sampleRate() != d.sampleRate()) b.append(" --sample-rate ").append(f.sampleRate());
        if (f.frameSize() != d.frameSize()) b.append(" --frame ").append(f.frameSize());
        if (f.hopSize() != d.hopSize()) b.append(" --hop ").append(f.hopSize());
        if (f.coefficients() != d.coefficients()) b.append(" --coefficients ").append(f.coefficients());
        if (f.melBands() != d.melBands()) b.append(" --mel-bands ").append(f.melBands());
        if (f.lowHz() != d.lowHz()) b.append(" --low-hz ").append(num(f.lowHz()));
        if (f.highHz() != f.sampleRate() / 2.0) b.append(" --high-hz ").append(num(f.highHz()));
        return b.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override public String toString() { return key(); }
}
