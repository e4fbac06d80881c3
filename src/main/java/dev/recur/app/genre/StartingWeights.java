package dev.recur.app.genre;

import dev.recur.nn.Ensemble;
import dev.recur.nn.Param;
import dev.recur.nn.Sequential;

import java.util.List;
import java.util.Map;

/**
 * Fine-tuning: a freshly built classifier network takes another trained classifier's weights for every layer
 * but its output layer (convolutions, recurrent layers, pooling), so a small labelled set starts from what a
 * larger one taught. The output layer keeps its fresh weights: the classes differ.
 */
public final class StartingWeights {
    private StartingWeights() {}

    /** The network ensemble member {@code k} starts from: the source's member {@code k} modulo its size, or the source itself. */
    public static Sequential forMember(Sequential source, int k) {
        if (source.layers().size() == 1 && source.layers().getFirst() instanceof Ensemble e) {
            List<Sequential> m = e.members();
            return m.get(k % m.size());
        }
        return source;
    }

    /**
     * Copies {@code from}'s values into every parameter of {@code to} outside its last layer; returns how many
     * values were copied.
     *
     * @throws IllegalArgumentException when a parameter is missing from {@code from} or has another shape
     *                                  (the two networks are not built alike)
     */
    public static long copyAllButOutput(Sequential from, Sequential to) {
        Map<String, Param> source = from.namedParams();
        String output = to.names().getLast() + ".";
        long copied = 0;
        for (Map.Entry<String, Param> e : to.namedParams().entrySet()) {
            if (e.getKey().startsWith(output)) continue;
            Param p = e.getValue(), q = source.get(e.getKey());
            if (q == null) throw new IllegalArgumentException("the starting network has no " + e.getKey() + " (it is not built like this run's)");
            if (!q.value().sameShape(p.value())) {
                throw new IllegalArgumentException("the starting network's " + e.getKey() + " is " + q.value().shapeString()
                        + ", this run's " + p.value().shapeString() + " (it is not built like this run's)");
            }
            System.arraycopy(q.value().data(), 0, p.value().data(), 0, p.value().size());
            copied += p.value().size();
        }
        return copied;
    }
}
