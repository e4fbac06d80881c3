package dev.recur.train;

import java.util.Random;

/**
 * Random generators derived from (seed, epoch[, salt]) instead of one generator that runs through the whole
 * training: a run resumed at epoch e then draws exactly what the uninterrupted run drew, and a checkpoint
 * needs no generator state beyond the seed and the epoch.
 */
public final class Seeds {
    private Seeds() {}

    /** The generator for one epoch (batch order, dropout masks, crops) of a run with {@code seed}. */
    public static Random forEpoch(long seed, long epoch) {
        return new Random(mix(mix(seed) + epoch));
    }

    /** A generator for a named purpose inside an epoch, independent of {@link #forEpoch(long, long)}. */
    public static Random forEpoch(long seed, long epoch, long salt) {
        return new Random(mix(mix(mix(seed) + epoch) ^ mix(salt + 0x632BE59BD9B4E019L)));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
