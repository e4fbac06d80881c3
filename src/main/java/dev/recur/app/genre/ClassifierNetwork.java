package dev.recur.app.genre;

import dev.recur.nn.Activation;
import dev.recur.nn.AttentionPool;
import dev.recur.nn.AttentionStatsPool;
import dev.recur.nn.Conv1d;
import dev.recur.nn.Dense;
import dev.recur.nn.Dropout;
import dev.recur.nn.Gru;
import dev.recur.nn.LastStep;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.MaxPool;
import dev.recur.nn.MeanPool;
import dev.recur.nn.Pyramid;
import dev.recur.nn.Rnn;
import dev.recur.nn.Sequential;

/**
 * Builds the classifier network: an optional convolutional front end (Conv1d + ReLU, shortening time by the
 * stride), recurrent layers (with pyramid halvings and dropout between them), a
 * pooling step over time, dropout, and a dense layer over the classes (logits). Layers are named by index,
 * so weights carry PyTorch's nn.Sequential state_dict names.
 */
public final class ClassifierNetwork {
    private ClassifierNetwork() {}

    public static Sequential build(ClassifierConfig c, int inputDims, int classes) {
        Sequential.Builder b = Sequential.builder();
        int dims = inputDims, dirs = c.bidirectional() ? 2 : 1;
        for (int l = 0; l < c.convLayers(); l++) {
            b.add(new Conv1d(dims, c.convChannels(), c.convKernel(), c.convStride(), c.convKernel() / 2, true));
            b.add(new Activation(c.convChannels(), Activation.Kind.RELU));
            dims = c.convChannels();
        }
        for (int l = 0; l < c.layers(); l++) {
            if (l > 0) {
                if (c.dropout() > 0) b.add(new Dropout(dims, (float) c.dropout()));
                if (l <= c.pyramid()) {
                    b.add(new Pyramid(dims));
                    dims *= 2;
                }
            }
            b.add(cell(c.cell(), dims, c.units(), c.bidirectional()));
            dims = c.units() * dirs;
        }
        Layer pool = switch (c.pooling()) {
            case "mean" -> new MeanPool(dims);
            case "max" -> new MaxPool(dims);
            case "attention" -> new AttentionPool(dims);
            case "attention-stats" -> new AttentionStatsPool(dims);
            default -> new LastStep(dims);
        };
        b.add(pool);
        dims = pool.outputSize();   // 2 · dims for attention-stats (mean and standard deviation)
        if (c.dropout() > 0) b.add(new Dropout(dims, (float) c.dropout()));
        b.add(new Dense(dims, classes));
        Sequential s = b.build();
        s.initialize(c.seed());
        return s;
    }

    private static Layer cell(String cell, int in, int units, boolean bidirectional) {
        return switch (cell) {
            case "rnn" -> new Rnn(in, units, 1, bidirectional, true, Rnn.Activation.TANH);
            case "gru" -> new Gru(in, units, 1, bidirectional, true);
            default -> new Lstm(in, units, 1, bidirectional, true);
        };
    }
}
