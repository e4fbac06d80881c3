package dev.recur.nn;

import java.util.Map;

/** A layer made of named layers ({@link Sequential}, {@link Ensemble}): its parameters under their state_dict keys. */
public interface Container extends Layer {
    /** Every parameter under its key relative to this container ("0.weight", "1.0.weight_ih_l0"), in order. */
    Map<String, Param> namedParams();
}
