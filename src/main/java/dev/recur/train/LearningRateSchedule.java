package dev.recur.train;

import java.util.Locale;

/**
 * How the learning rate moves over a run of a fixed number of epochs: each epoch runs at the optimizer's initial
 * rate times {@link #factor}. {@link Fit} sets it at the start of every epoch, from the epoch number alone, so a
 * resumed run gets the same rates as one never stopped.
 */
public enum LearningRateSchedule {
    /** The initial rate throughout. */
    CONSTANT,
    /**
     * Half a cosine from the initial rate in epoch 1 towards 0 after the last epoch: {@code (1 + cos(π (e − 1) / E)) / 2}
     * (Loshchilov &amp; Hutter 2017, without restarts; PyTorch's {@code CosineAnnealingLR(T_max=E)} stepped once per
     * epoch). Without early stopping the last epochs' small steps settle the weights that are kept.
     */
    COSINE;

    /** The factor of the initial rate for {@code epoch} (1-based) of {@code epochs}. */
    public double factor(int epoch, int epochs) {
        return switch (this) {
            case CONSTANT -> 1;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
        };
    }

    /** {@code constant} or {@code cosine} (any case). */
    public static LearningRateSchedule parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learning-rate schedule must be constant or cosine, got " + name);
        }
    }

    /** The lower-case name {@link #parse} reads. */
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
