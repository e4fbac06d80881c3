package dev.recur.train;

/**
 * Training produced a NaN or infinite loss or gradient. The message names the epoch and step; the weights
 * of the last checkpoint are untouched, since no checkpoint is written after a non-finite step.
 */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long epoch, step;

    public NonFiniteLossException(String what, double value, long epoch, long step) {
        super(what + " is " + value + " at epoch " + epoch + ", step " + step
                + " (lower the learning rate, check the data for extreme values, or pass --skip-nonfinite to skip such batches)");
        this.epoch = epoch;
        this.step = step;
    }

    public long epoch() { return epoch; }

    public long step() { return step; }
}
