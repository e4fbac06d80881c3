package dev.recur.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A layer made of named layers ({@link Sequential}, {@link Ensemble}): its parameters are its layers', under
 * state_dict keys "layerName.paramName" as a PyTorch module's.
 */
public interface Container extends Layer {
    /** The layers this container is made of, in order. */
    List<? extends Layer> layers();

    /** Their names, in the same order: the first part of their parameters' keys. */
    List<String> names();

    /** Every layer's parameters, in order. */
    @Override
    default List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer l : layers()) all.addAll(l.params());
        return all;
    }

    /**
     * Every parameter under its key relative to this container: "layerName.paramName", and for a layer that is a
     * container itself "layerName." before its own keys ("1.0.weight_ih_l0"); in layer order.
     */
    default Map<String, Param> namedParams() {
        Map<String, Param> m = new LinkedHashMap<>();
        List<? extends Layer> layers = layers();
        List<String> names = names();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = names.get(i) + ".";
            if (layers.get(i) instanceof Container c) {
                c.namedParams().forEach((k, p) -> m.put(prefix + k, p));
            } else {
                for (Param p : layers.get(i).params()) m.put(prefix + p.name(), p);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Draws each layer's parameters in turn from {@code random}. */
    @Override
    default void initialize(Random random) { for (Layer l : layers()) l.initialize(random); }
}
