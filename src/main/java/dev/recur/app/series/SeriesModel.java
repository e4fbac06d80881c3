package dev.recur.app.series;

import dev.recur.series.SeriesSpec;
import dev.recur.nn.Dense;
import dev.recur.nn.Gru;
import dev.recur.nn.LastStep;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.Rnn;
import dev.recur.nn.Sequential;

import java.util.Locale;

/**
 * The forecasting network: a recurrent stack over the window, its last step, and a dense layer to
 * horizon × targets values (sequence to vector). Layers are named "0", "1", "2", as a PyTorch
 * {@code nn.Sequential(rnn, last, linear)} would name them in its state_dict.
 */
public final class SeriesModel {
    private SeriesModel() {}

    public enum Cell {
        RNN, LSTM, GRU;

        public static Cell parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "rnn" -> RNN;
                case "lstm" -> LSTM;
                case "gru" -> GRU;
                default -> throw new IllegalArgumentException("--cell must be rnn, lstm or gru, got '" + s + "'");
            };
        }
    }

    /** Builds and initialises the model for {@code spec} from {@code seed}. */
    public static Sequential build(SeriesSpec spec, Cell cell, int units, int layers, long seed) {
        if (units < 1) throw new IllegalArgumentException("--units must be at least 1, got " + units);
        if (layers < 1) throw new IllegalArgumentException("--layers must be at least 1, got " + layers);
        int in = spec.inputs().size();
        Layer rec = switch (cell) {
            case RNN -> new Rnn(in, units, layers, false, true, Rnn.Activation.TANH);
            case LSTM -> new Lstm(in, units, layers, false, true);
            case GRU -> new Gru(in, units, layers, false, true);
        };
        Sequential model = Sequential.of(rec, new LastStep(units), new Dense(units, spec.outputSize()));
        model.initialize(seed);
        return model;
    }
}
