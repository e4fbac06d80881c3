package dev.recur.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds a layer from its type name and config (the pair a model.json holds per layer). Config values may
 * come from JSON, so any integral number is accepted for an int and any number for a float. Unknown types,
 * missing, unknown or ill-typed keys give an IllegalArgumentException naming the type and the key.
 */
public final class Layers {
    private Layers() {}

    private record Factory(Set<String> keys, Function<Config, Layer> build) {}

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register(Dense.TYPE, Set.of("in_features", "out_features", "bias"),
                c -> new Dense(c.integer("in_features"), c.integer("out_features"), c.bool("bias", true)));
        register(Embedding.TYPE, Set.of("num_embeddings", "embedding_dim"),
                c -> new Embedding(c.integer("num_embeddings"), c.integer("embedding_dim")));
        register(Dropout.TYPE, Set.of("size", "p"),
                c -> new Dropout(c.integer("size", Layer.ANY_SIZE), c.number("p")));
        register(Pyramid.TYPE, Set.of("input_size"), c -> new Pyramid(c.integer("input_size")));
        register(LastStep.TYPE, Set.of("size"), c -> new LastStep(c.integer("size")));
        register(MeanPool.TYPE, Set.of("size"), c -> new MeanPool(c.integer("size")));
        register(MaxPool.TYPE, Set.of("size"), c -> new MaxPool(c.integer("size")));
        register(AttentionPool.TYPE, Set.of("size"), c -> new AttentionPool(c.integer("size")));
        register(Conv1d.TYPE, Set.of("in_channels", "out_channels", "kernel_size", "stride", "padding", "bias"),
                c -> new Conv1d(c.integer("in_channels"), c.integer("out_channels"), c.integer("kernel_size"),
                        c.integer("stride", 1), c.integer("padding", 0), c.bool("bias", true)));
        for (Activation.Kind k : Activation.Kind.values()) {
            register(k.type(), Set.of("size"), c -> new Activation(c.integer("size", Layer.ANY_SIZE), k));
        }
        Set<String> recurrentKeys = Set.of("input_size", "hidden_size", "num_layers", "bidirectional", "bias");
        register("lstm", recurrentKeys, c -> new Lstm(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true)));
        register("gru", recurrentKeys, c -> new Gru(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true)));
        Set<String> rnnKeys = new java.util.HashSet<>(recurrentKeys);
        rnnKeys.add("nonlinearity");
        register("rnn", rnnKeys, c -> new Rnn(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true), nonlinearity(c)));
        register(Sequential.TYPE, Set.of("layers"), Layers::sequential);
        register(Ensemble.TYPE, Set.of("members"), Layers::ensemble);
    }

    private static void register(String type, Set<String> keys, Function<Config, Layer> build) {
        FACTORIES.put(type, new Factory(keys, build));
    }

    /** Every type name {@link #fromConfig} knows. */
    public static Set<String> types() { return new TreeSet<>(FACTORIES.keySet()); }

    public static Layer fromConfig(String type, Map<String, Object> config) {
        Factory f = FACTORIES.get(type);
        if (f == null) throw new IllegalArgumentException("unknown layer type '" + type + "' (known: " + String.join(", ", types()) + ")");
        Map<String, Object> c = config == null ? Map.of() : config;
        for (String key : c.keySet()) {
            if (!f.keys().contains(key)) {
                throw new IllegalArgumentException(type + ": unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(f.keys())) + ")");
            }
        }
        try {
            return f.build().apply(new Config(type, c));
        } catch (IllegalArgumentException e) {
            // A sequential's messages already name the layer at fault.
            String m = e.getMessage();
            throw type.equals(Sequential.TYPE) || (m != null && m.startsWith(type + ":")) ? e : new IllegalArgumentException(type + ": " + m, e);
        }
    }

    private static Rnn.Activation nonlinearity(Config c) {
        String n = c.string("nonlinearity", "tanh");
        for (Rnn.Activation a : Rnn.Activation.values()) if (a.pytorchName().equals(n)) return a;
        throw new IllegalArgumentException("rnn: 'nonlinearity' must be \"tanh\" or \"relu\", got \"" + n + "\"");
    }

    private static Layer sequential(Config c) {
        Object raw = c.required("layers");
        if (!(raw instanceof List<?> list)) throw c.illTyped("layers", "a list of {name, type, config}", raw);
        Sequential.Builder b = Sequential.builder();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> spec)) throw c.illTyped("layers[" + i + "]", "an object {name, type, config}", list.get(i));
            Config s = new Config("sequential layers[" + i + "]", asStringMap(spec));
            String name = s.string("name", String.valueOf(i));
            String type = s.string("type");
            Object cfg = spec.get("config");
            if (cfg != null && !(cfg instanceof Map<?, ?>)) throw s.illTyped("config", "an object", cfg);
            Layer layer;
            try {
                layer = fromConfig(type, cfg == null ? Map.of() : asStringMap((Map<?, ?>) cfg));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + name + ": " + e.getMessage(), e);
            }
            b.add(name, layer);
        }
        return b.build();
    }

    private static Layer ensemble(Config c) {
        Object raw = c.required("members");
        if (!(raw instanceof List<?> list) || list.isEmpty()) throw c.illTyped("members", "a non-empty list of sequential configs", raw);
        List<Sequential> members = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw c.illTyped("members[" + i + "]", "an object {\"layers\": [...]}", list.get(i));
            try {
                members.add((Sequential) fromConfig(Sequential.TYPE, asStringMap(m)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ensemble: member " + i + ": " + e.getMessage(), e);
            }
        }
        return new Ensemble(members);
    }

    private static Map<String, Object> asStringMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Typed reads of one layer's config, with messages that name the layer type and key. */
    private record Config(String type, Map<String, Object> values) {

        Object required(String key) {
            Object v = values.get(key);
            if (v == null) throw new IllegalArgumentException(type + ": missing '" + key + "'");
            return v;
        }

        IllegalArgumentException illTyped(String key, String expected, Object got) {
            String shown = got instanceof String s ? "\"" + s + "\"" : String.valueOf(got);
            return new IllegalArgumentException(type + ": '" + key + "' must be " + expected + ", got " + shown);
        }

        int integer(String key) { return toInt(key, required(key)); }

        int integer(String key, int fallback) {
            Object v = values.get(key);
            return v == null ? fallback : toInt(key, v);
        }

        private int toInt(String key, Object v) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) return (int) d;
            }
            throw illTyped(key, "an integer", v);
        }

        float number(String key) {
            Object v = required(key);
            if (v instanceof Number n) return n.floatValue();
            throw illTyped(key, "a number", v);
        }

        boolean bool(String key, boolean fallback) {
            Object v = values.get(key);
            if (v == null) return fallback;
            if (v instanceof Boolean b) return b;
            throw illTyped(key, "true or false", v);
        }

        String string(String key) {
            Object v = required(key);
            if (v instanceof String s) return s;
            throw illTyped(key, "a string", v);
        }

        String string(String key, String fallback) {
            return values.get(key) == null ? fallback : string(key);
        }
    }

}
