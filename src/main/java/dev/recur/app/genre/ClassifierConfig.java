package dev.recur.app.genre;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.train.Fit;
import dev.recur.train.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Architecture and training settings of the genre classifier.
 *
 * @param cell           rnn, lstm or gru
 * @param layers         stacked recurrent layers
 * @param units          hidden units per layer and direction
 * @param bidirectional  run each layer both ways (outputs concatenated)
 * @param pyramid        halvings of the time axis (pairs of steps concatenated) before recurrent layers
 *                       2, 3, …; at most {@code layers - 1}
 * @param dropout        dropout probability between layers and before the output layer
 * @param pooling        mean, max, last, attention (a learned weighted mean) or attention-stats (a learned weighted
 *                       mean and standard deviation, twice the width): how the per-step outputs of the last layer
 *                       become one vector
 * @param epochs         maximum epochs
 * @param batch          segments per optimiser step
 * @param lr             Adam learning rate
 * @param weightDecay    decoupled weight decay (AdamW)
 * @param clip           global gradient-norm clip
 * @param patience       stop after this many epochs without a lower validation loss (0: never stop early)
 * @param cropsPerTrack  random training crops per track and epoch, per segment the track holds
 * @param masking        SpecAugment-style masking of training crops: one random time span (up to 15 % of the
 *                       frames) and one band of up to 3 coefficients set to the training mean
 * @param seed           seed of initialisation, crops, batches and dropout
 * @param convLayers     1-D convolutions over time before the recurrent layers (each followed by a ReLU); 0: none
 * @param convChannels   output channels of each convolution
 * @param convKernel     kernel size of each convolution (odd; padded by kernel / 2 on both sides)
 * @param convStride     stride of each convolution: the time axis shrinks by this factor per convolution
 * @param mixup          mixup's α: training batches are mixed pairwise with weights λ ~ Beta(α, α) and the
 *                       targets mixed alike; 0: off
 * @param ensemble       networks trained with seeds seed, seed+1, … on the same split, their probabilities
 *                       averaged; 1: a single network
 * @param lrSchedule     constant or cosine: the learning rate of each epoch ({@link LearningRateSchedule})
 * @param pretrainEpochs epochs of self-supervised masked-frame pretraining of the encoder before the supervised
 *                       training ({@link MaskedPretraining}); 0: none
 * @param averageEpochs  0, or the kept weights are the mean of the weights after each of the last
 *                       {@code averageEpochs} epochs (stochastic weight averaging; needs {@code patience} 0)
 * @param balanceClasses every class gets as many training crops per epoch as the class with the most: the others
 *                       draw more crops from their tracks (for libraries where some classes have far fewer tracks)
 */
public record ClassifierConfig(String cell, int layers, int units, boolean bidirectional, int pyramid, double dropout,
                               String pooling, int epochs, int batch, double lr, double weightDecay, double clip,
                               int patience, int cropsPerTrack, boolean masking, long seed,
                               int convLayers, int convChannels, int convKernel, int convStride, double mixup, int ensemble,
                               String lrSchedule, int pretrainEpochs, int averageEpochs, boolean balanceClasses) {

    /** The settings without class balancing. */
    public ClassifierConfig(String cell, int layers, int units, boolean bidirectional, int pyramid, double dropout,
                            String pooling, int epochs, int batch, double lr, double weightDecay, double clip,
                            int patience, int cropsPerTrack, boolean masking, long seed,
                            int convLayers, int convChannels, int convKernel, int convStride, double mixup, int ensemble,
                            String lrSchedule, int pretrainEpochs, int averageEpochs) {
        this(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay, clip, patience,
                cropsPerTrack, masking, seed, convLayers, convChannels, convKernel, convStride, mixup, ensemble, lrSchedule,
                pretrainEpochs, averageEpochs, false);
    }

    /** The settings without weight averaging. */
    public ClassifierConfig(String cell, int layers, int units, boolean bidirectional, int pyramid, double dropout,
                            String pooling, int epochs, int batch, double lr, double weightDecay, double clip,
                            int patience, int cropsPerTrack, boolean masking, long seed,
                            int convLayers, int convChannels, int convKernel, int convStride, double mixup, int ensemble,
                            String lrSchedule, int pretrainEpochs) {
        this(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay, clip, patience,
                cropsPerTrack, masking, seed, convLayers, convChannels, convKernel, convStride, mixup, ensemble, lrSchedule,
                pretrainEpochs, 0);
    }

    /** The settings without pretraining. */
    public ClassifierConfig(String cell, int layers, int units, boolean bidirectional, int pyramid, double dropout,
                            String pooling, int epochs, int batch, double lr, double weightDecay, double clip,
                            int patience, int cropsPerTrack, boolean masking, long seed,
                            int convLayers, int convChannels, int convKernel, int convStride, double mixup, int ensemble,
                            String lrSchedule) {
        this(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay, clip, patience,
                cropsPerTrack, masking, seed, convLayers, convChannels, convKernel, convStride, mixup, ensemble, lrSchedule, 0);
    }

    /** The settings without a convolutional front end, mixup or ensemble. */
    public ClassifierConfig(String cell, int layers, int units, boolean bidirectional, int pyramid, double dropout,
                            String pooling, int epochs, int batch, double lr, double weightDecay, double clip,
                            int patience, int cropsPerTrack, boolean masking, long seed) {
        this(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay, clip, patience,
                cropsPerTrack, masking, seed, 0, 64, 5, 2, 0, 1, "constant");
    }

    /** The values of {@code pooling}: how the recurrent outputs over time become one vector. */
    public static final List<String> POOLINGS = List.of("mean", "max", "last", "attention", "attention-stats");

    public ClassifierConfig {
        cell = cell.toLowerCase(Locale.ROOT);
        pooling = pooling.toLowerCase(Locale.ROOT);
        lrSchedule = LearningRateSchedule.parse(lrSchedule).id();
        if (!cell.equals("rnn") && !cell.equals("lstm") && !cell.equals("gru")) throw new IllegalArgumentException("cell must be rnn, lstm or gru, got " + cell);
        if (!POOLINGS.contains(pooling)) {
            throw new IllegalArgumentException("pooling must be one of " + String.join(", ", POOLINGS) + ", got " + pooling);
        }
        if (convLayers < 0 || convChannels < 1 || convKernel < 1 || convKernel % 2 == 0 || convStride < 1) {
            throw new IllegalArgumentException("need conv layers >= 0, channels >= 1, an odd kernel and stride >= 1 (got "
                    + convLayers + ", " + convChannels + ", " + convKernel + ", " + convStride + ")");
        }
        if (!(mixup >= 0) || ensemble < 1) throw new IllegalArgumentException("need mixup >= 0 and ensemble >= 1");
        if (pretrainEpochs < 0) throw new IllegalArgumentException("pretraining epochs must be >= 0, got " + pretrainEpochs);
        if (layers < 1 || units < 1) throw new IllegalArgumentException("layers and units must be >= 1");
        if (pyramid < 0 || pyramid > layers - 1) throw new IllegalArgumentException("pyramid must be in 0.." + (layers - 1) + " for " + layers + " layers, got " + pyramid);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (epochs < 1 || batch < 1) throw new IllegalArgumentException("epochs and batch must be >= 1");
        if (!(lr > 0) || !(weightDecay >= 0) || !(clip > 0)) throw new IllegalArgumentException("need lr > 0, weight decay >= 0 and clip > 0");
        if (patience < 0 || cropsPerTrack < 1) throw new IllegalArgumentException("need patience >= 0 and crops per track >= 1");
        fitSettings(epochs, patience, clip, seed, lrSchedule, averageEpochs);   // the loop's own checks (averaged epochs)
    }

    /** The settings of the supervised {@link Fit} run. */
    public Fit.Settings fitSettings() { return fitSettings(epochs, patience, clip, seed, lrSchedule, averageEpochs); }

    private static Fit.Settings fitSettings(int epochs, int patience, double clip, long seed, String lrSchedule, int averageEpochs) {
        return new Fit.Settings(epochs, patience, clip, seed, LearningRateSchedule.parse(lrSchedule), averageEpochs);
    }

    /**
     * The default recipe, chosen on the development sets (docs/genre.md): two convolutions (64 channels, kernel
     * 5, stride 2: 387 frames become 97 steps), one bidirectional GRU of 64 units, attention pooling, dropout
     * 0.3, SpecAugment-style masking and mixup (α 0.4), 15 epochs without early stopping (so no validation
     * tracks are needed) at a constant learning rate (cosine helped single networks but not the ensemble), an
     * ensemble of 5 seeds, no weight averaging (one averaged network is about as good as the ensemble, and
     * averaging adds nothing to the ensemble). Meant for log-mel input
     * ({@code FeatureSettings.logMel(64)} with deltas).
     */
    public static ClassifierConfig defaults() {
        return new ClassifierConfig("gru", 1, 64, true, 0, 0.3, "attention", 15, 32, 2e-3, 1e-2, 1.0, 0, 2, true, 1,
                2, 64, 5, 2, 0.4, 5, "constant");
    }

    /** The default before issue 16: 2 × LSTM 64 on MFCCs, mean pooling, early stopping (patience 8 of 40 epochs). */
    public static ClassifierConfig classic() {
        return new ClassifierConfig("lstm", 2, 64, false, 0, 0.3, "mean", 40, 32, 2e-3, 1e-2, 1.0, 8, 2, false, 1);
    }

    /** {@link #lrSchedule} as the schedule {@code train.Fit} runs. */
    public LearningRateSchedule schedule() { return LearningRateSchedule.parse(lrSchedule); }

    /** The same settings with another seed (ensemble members). */
    public ClassifierConfig withSeed(long s) {
        return new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay,
                clip, patience, cropsPerTrack, masking, s, convLayers, convChannels, convKernel, convStride, mixup, ensemble, lrSchedule,
                pretrainEpochs, averageEpochs, balanceClasses);
    }

    /** The same settings with {@code n} epochs of masked-frame pretraining. */
    public ClassifierConfig withPretrainEpochs(int n) {
        return new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling, epochs, batch, lr, weightDecay,
                clip, patience, cropsPerTrack, masking, seed, convLayers, convChannels, convKernel, convStride, mixup, ensemble, lrSchedule, n,
                averageEpochs, balanceClasses);
    }

    /**
     * The settings as model.json's {@code metadata.config}: one key per component, named and ordered as declared
     * (Jackson writes a record's components in declaration order), so the file's bytes stay stable.
     */
    public Map<String, Object> toMap() {
        return JSON.convertValue(this, MAP);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
}
