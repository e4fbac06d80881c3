package dev.recur.app.melody;

/**
 * Settings of one training run.
 *
 * @param window     steps per training window (windows are cut from the training sequences each epoch)
 * @param bptt       truncated BPTT length inside a window (state carried across, gradients cut)
 * @param clip       global gradient-norm limit
 * @param patience   epochs without a better validation loss before stopping
 * @param augment    train on all 12 transpositions that fit the pitch range
 */
public record TrainOptions(MelodyModel.Architecture architecture, int epochs, int batch, int window, int bptt,
                           double lr, double clip, int patience, long seed, double valFraction, boolean augment) {

    public static final TrainOptions DEFAULT = new TrainOptions(MelodyModel.Architecture.DEFAULT, 30, 32, 256, 64,
            1e-3, 1.0, 5, 1, 0.2, false);

    public TrainOptions {
        if (epochs <= 0) throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        if (batch <= 0) throw new IllegalArgumentException("--batch must be positive, got " + batch);
        if (window <= 0) throw new IllegalArgumentException("--window must be positive, got " + window);
        if (bptt <= 0) throw new IllegalArgumentException("--bptt must be positive, got " + bptt);
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive, got " + lr);
        if (!(clip > 0)) throw new IllegalArgumentException("--clip must be positive, got " + clip);
        if (patience <= 0) throw new IllegalArgumentException("--patience must be positive, got " + patience);
        if (!(valFraction > 0 && valFraction < 1)) throw new IllegalArgumentException("--val-fraction must be in (0, 1), got " + valFraction);
    }

    public TrainOptions withArchitecture(MelodyModel.Architecture a) { return new TrainOptions(a, epochs, batch, window, bptt, lr, clip, patience, seed, valFraction, augment); }
    public TrainOptions withEpochs(int e) { return new TrainOptions(architecture, e, batch, window, bptt, lr, clip, patience, seed, valFraction, augment); }
    public TrainOptions withBatch(int b) { return new TrainOptions(architecture, epochs, b, window, bptt, lr, clip, patience, seed, valFraction, augment); }
    public TrainOptions withWindow(int w) { return new TrainOptions(architecture, epochs, batch, w, bptt, lr, clip, patience, seed, valFraction, augment); }
    public TrainOptions withBptt(int k) { return new TrainOptions(architecture, epochs, batch, window, k, lr, clip, patience, seed, valFraction, augment); }
    public TrainOptions withLr(double r) { return new TrainOptions(architecture, epochs, batch, window, bptt, r, clip, patience, seed, valFraction, augment); }
    public TrainOptions withClip(double c) { return new TrainOptions(architecture, epochs, batch, window, bptt, lr, c, patience, seed, valFraction, augment); }
    public TrainOptions withPatience(int p) { return new TrainOptions(architecture, epochs, batch, window, bptt, lr, clip, p, seed, valFraction, augment); }
    public TrainOptions withSeed(long s) { return new TrainOptions(architecture, epochs, batch, window, bptt, lr, clip, patience, s, valFraction, augment); }
    public TrainOptions withValFraction(double v) { return new TrainOptions(architecture, epochs, batch, window, bptt, lr, clip, patience, seed, v, augment); }
    public TrainOptions withAugment(boolean a) { return new TrainOptions(architecture, epochs, batch, window, bptt, lr, clip, patience, seed, valFraction, a); }
}
