package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.MidiWriter;

/**
 * What {@link MelodyGeneration#write} makes.
 *
 * @param primer  melody to continue, or null to start from nothing
 * @param steps   grid steps to generate
 * @param scale   pitch constraint, or null
 * @param beam    beam width; 0 = sample with {@code sampling}
 * @param seed    seed of variation 1; variation i uses {@code seed + i − 1}
 * @param count   number of variations (files numbered -1, -2, ... when more than one)
 * @param plot    piano-roll PNG per variation, or null
 * @param cacheScale how much of the model's copy cache ({@link CopyWeights}) sampling mixes in: 1 = the weights
 *                fitted in training, 0 = the network alone ({@link #DEFAULT_CACHE_SCALE}); beam search never uses it
 */
public record GenerateOptions(Melody primer, int steps, Sampling sampling, Scale scale, int beam, long seed,
                              int count, MidiWriter.Options midi, java.nio.file.Path plot, double cacheScale) {
    /**
     * The most grid steps one request may generate: 65,536 bars of 4/4 at 4 steps per quarter, about 36 hours at
     * 120 bpm. The tokens, the MIDI file and the time to sample them grow with it; beyond it is a typo, not music.
     */
    public static final int MAX_STEPS = 1 << 20;

    /**
     * The copy cache is left off unless a caller asks; {@code generate} and the demo ask for what training
     * recorded ({@link MelodyModel.SamplingDefaults#cacheScale}).
     */
    public static final double DEFAULT_CACHE_SCALE = 0;

    public GenerateOptions {
        if (steps > MAX_STEPS) throw new IllegalArgumentException("at most " + MAX_STEPS + " steps per melody, asked for " + steps);
        if (steps <= 0) throw new IllegalArgumentException("the number of steps to generate must be positive, got " + steps);
        if (beam < 0) throw new IllegalArgumentException("--beam must be >= 0, got " + beam);
        if (count <= 0) throw new IllegalArgumentException("--count must be positive, got " + count);
        if (beam > 0 && count > 1) throw new IllegalArgumentException("--beam finds one continuation; use --count 1 with it");
        if (!(cacheScale >= 0) || Double.isInfinite(cacheScale)) throw new IllegalArgumentException("--cache-scale must be >= 0, got " + cacheScale);
    }

    /** With the default use of the copy cache ({@link #DEFAULT_CACHE_SCALE}). */
    public GenerateOptions(Melody primer, int steps, Sampling sampling, Scale scale, int beam, long seed,
                           int count, MidiWriter.Options midi, java.nio.file.Path plot) {
        this(primer, steps, sampling, scale, beam, seed, count, midi, plot, DEFAULT_CACHE_SCALE);
    }
}
