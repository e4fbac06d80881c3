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

    /** How to build a layer type from its config, and the parameter shapes that config implies (without building). */
    private record Factory(Set<String> keys, Function<Config, Layer> build, Function<Config, Map<String, long[]>> shapes) {}

    private static final Function<Config, Map<String, long[]>> NO_PARAMS = c -> Map.of();

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register(Dense.TYPE, Set.of("in_features", "out_features", "bias"),
                c -> new Dense(c.integer("in_features"), c.integer("out_features"), c.bool("bias", true)),
                c -> checked(Dense.sizes(c.size("in_features"), c.size("out_features")),
                        Dense.paramShapes(c.size("in_features"), c.size("out_features"), c.bool("bias", true))));
        register(Embedding.TYPE, Set.of("num_embeddings", "embedding_dim"),
                c -> new Embedding(c.integer("num_embeddings"), c.integer("embedding_dim")),
                c -> checked(Embedding.sizes(c.size("num_embeddings"), c.size("embedding_dim")),
                        Embedding.paramShapes(c.size("num_embeddings"), c.size("embedding_dim"))));
        register(Dropout.TYPE, Set.of("size", "p"),
                c -> new Dropout(c.integer("size", Layer.ANY_SIZE), c.number("p")), NO_PARAMS);
        register(Lookback.TYPE, Set.of("num_classes", "distances", "counter_bits", "default_class"), Layers::lookback,
                c -> { lookback(c); return Map.of(); });
        register(Attention.TYPE, Set.of("input_size", "attention_size", "length"),
                c -> new Attention(c.integer("input_size"), c.integer("attention_size"), c.integer("length")),
                c -> { c.integer("length"); return checked("input_size " + c.size("input_size") + ", attention_size " + c.size("attention_size"),
                        Attention.paramShapes(c.size("input_size"), c.size("attention_size"))); });
        register(Pyramid.TYPE, Set.of("input_size"), c -> new Pyramid(c.integer("input_size")), NO_PARAMS);
        register(LastStep.TYPE, Set.of("size"), c -> new LastStep(c.integer("size")), NO_PARAMS);
        register(MeanPool.TYPE, Set.of("size"), c -> new MeanPool(c.integer("size")), NO_PARAMS);
        register(MaxPool.TYPE, Set.of("size"), c -> new MaxPool(c.integer("size")), NO_PARAMS);
        register(AttentionPool.TYPE, Set.of("size"), c -> new AttentionPool(c.integer("size")),
                c -> checked("size=" + c.size("size"), Map.of("weight", new long[] {1, c.size("size")})));
        register(AttentionStatsPool.TYPE, Set.of("size"), c -> new AttentionStatsPool(c.integer("size")),
                c -> checked("size=" + c.size("size"), Map.of("weight", new long[] {1, c.size("size")})));
        register(Conv1d.TYPE, Set.of("in_channels", "out_channels", "kernel_size", "stride", "padding", "bias"),
                c -> new Conv1d(c.integer("in_channels"), c.integer("out_channels"), c.integer("kernel_size"),
                        c.integer("stride", 1), c.integer("padding", 0), c.bool("bias", true)),
                c -> checked(Conv1d.sizes(c.size("in_channels"), c.size("out_channels"), c.size("kernel_size")),
                        Conv1d.paramShapes(c.size("in_channels"), c.size("out_channels"), c.size("kernel_size"), c.bool("bias", true))));
        for (Activation.Kind k : Activation.Kind.values()) {
            register(k.type(), Set.of("size"), c -> new Activation(c.integer("size", Layer.ANY_SIZE), k), NO_PARAMS);
        }
        Set<String> recurrentKeys = Set.of("input_size", "hidden_size", "num_layers", "bidirectional", "bias");
        register("lstm", recurrentKeys, c -> new Lstm(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true)), c -> recurrentShapes(c, 4));
        register("gru", recurrentKeys, c -> new Gru(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true)), c -> recurrentShapes(c, 3));
        Set<String> rnnKeys = new java.util.HashSet<>(recurrentKeys);
        rnnKeys.add("nonlinearity");
        register("rnn", rnnKeys, c -> new Rnn(c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers", 1), c.bool("bidirectional", false), c.bool("bias", true), nonlinearity(c)),
                c -> { nonlinearity(c); return recurrentShapes(c, 1); });
        register(Sequential.TYPE, Set.of("layers"), Layers::sequential, Layers::sequentialShapes);
        register(Ensemble.TYPE, Set.of("members"), Layers::ensemble, Layers::ensembleShapes);
    }

    private static void register(String type, Set<String> keys, Function<Config, Layer> build, Function<Config, Map<String, long[]>> shapes) {
        FACTORIES.put(type, new Factory(keys, build, shapes));
    }

    private static Map<String, long[]> recurrentShapes(Config c, int gates) {
        long in = c.size("input_size"), hidden = c.size("hidden_size"), layers = c.integer("num_layers", 1);
        if (layers <= 0) throw new IllegalArgumentException("'num_layers' must be positive, got " + layers);
        Map<String, long[]> shapes = Recurrent.paramShapes(in, hidden, layers, c.bool("bidirectional", false), c.bool("bias", true), gates);
        return checked(Recurrent.sizes(in, hidden, layers), shapes);
    }

    /** Shapes that fit an array each (the memory budget is the caller's, for the whole model). */
    private static Map<String, long[]> checked(String sizes, Map<String, long[]> shapes) {
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            if (ParamShapes.elements(e.getValue()) < 0) {
                throw new IllegalArgumentException(sizes + " make " + e.getKey() + " " + java.util.Arrays.toString(e.getValue())
                        + ", more values than an array holds");
            }
        }
        return shapes;
    }

    /** Every type name {@link #fromConfig} knows. */
    public static Set<String> types() { return new TreeSet<>(FACTORIES.keySet()); }

    public static Layer fromConfig(String type, Map<String, Object> config) {
        return apply(type, config, Factory::build);
    }

    /**
     * The parameter shapes (PyTorch names, nested containers prefixed like {@link Sequential#namedParams()})
     * a config would give, computed without building anything, so sizes can be checked against a weights file
     * and the heap first. Sizes whose tensors cannot exist (hidden_size 1e9) are refused naming the fields.
     */
    public static Map<String, long[]> paramShapes(String type, Map<String, Object> config) {
        return apply(type, config, Factory::shapes);
    }

    private static <T> T apply(String type, Map<String, Object> config, Function<Factory, Function<Config, T>> what) {
        Factory f = FACTORIES.get(type);
        if (f == null) throw new IllegalArgumentException("unknown layer type '" + type + "' (known: " + String.join(", ", types()) + ")");
        Map<String, Object> c = config == null ? Map.of() : config;
        for (String key : c.keySet()) {
            if (!f.keys().contains(key)) {
                throw new IllegalArgumentException(type + ": unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(f.keys())) + ")");
            }
        }
        try {
            return what.apply(f).apply(new Config(type, c));
        } catch (IllegalArgumentException e) {
            // A sequential's messages already name the layer at fault.
            String m = e.getMessage();
            throw type.equals(Sequential.TYPE) || (m != null && m.startsWith(type + ":")) ? e : new IllegalArgumentException(type + ": " + m, e);
        }
    }

    private static Lookback lookback(Config c) {
        return new Lookback(c.integer("num_classes"), Lookback.distances(c.required("distances")), c.integer("counter_bits"),
                c.integer("default_class", 0));
    }

    private static Rnn.Activation nonlinearity(Config c) {
        String n = c.string("nonlinearity", "tanh");
        for (Rnn.Activation a : Rnn.Activation.values()) if (a.pytorchName().equals(n)) return a;
        throw new IllegalArgumentException("rnn: 'nonlinearity' must be \"tanh\" or \"relu\", got \"" + n + "\"");
    }

    /** One entry of a sequential's "layers" list: its name (default: the index), type and config. */
    private record Entry(String name, String type, Map<String, Object> config) {}

    private static List<Entry> entries(Config c) {
        Object raw = c.required("layers");
        if (!(raw instanceof List<?> list)) throw c.illTyped("layers", "a list of {name, type, config}", raw);
        List<Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> spec)) throw c.illTyped("layers[" + i + "]", "an object {name, type, config}", list.get(i));
            Config s = new Config("sequential layers[" + i + "]", asStringMap(spec));
            String name = s.string("name", String.valueOf(i));
            String type = s.string("type");
            Object cfg = spec.get("config");
            if (cfg != null && !(cfg instanceof Map<?, ?>)) throw s.illTyped("config", "an object", cfg);
            entries.add(new Entry(name, type, cfg == null ? Map.of() : asStringMap((Map<?, ?>) cfg)));
        }
        return entries;
    }

    private static Layer sequential(Config c) {
        Sequential.Builder b = Sequential.builder();
        for (Entry e : entries(c)) {
            Layer layer;
            try {
                layer = fromConfig(e.type(), e.config());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("layer " + e.name() + ": " + ex.getMessage(), ex);
            }
            b.add(e.name(), layer);
        }
        return b.build();
    }

    private static Map<String, long[]> sequentialShapes(Config c) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Entry e : entries(c)) {
            try {
                paramShapes(e.type(), e.config()).forEach((k, v) -> shapes.put(e.name() + "." + k, v));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("layer " + e.name() + ": " + ex.getMessage(), ex);
            }
        }
        return shapes;
    }

    /** An ensemble's member configs (each a sequential's {"layers": [...]}). */
    private static List<Map<String, Object>> members(Config c) {
        Object raw = c.required("members");
        if (!(raw instanceof List<?> list) || list.isEmpty()) throw c.illTyped("members", "a non-empty list of sequential configs", raw);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw c.illTyped("members[" + i + "]", "an object {\"layers\": [...]}", list.get(i));
            out.add(asStringMap(m));
        }
        return out;
    }

    private static Layer ensemble(Config c) {
        List<Sequential> members = new java.util.ArrayList<>();
        List<Map<String, Object>> configs = members(c);
        for (int i = 0; i < configs.size(); i++) {
            try {
                members.add((Sequential) fromConfig(Sequential.TYPE, configs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ensemble: member " + i + ": " + e.getMessage(), e);
            }
        }
        return new Ensemble(members);
    }

    private static Map<String, long[]> ensembleShapes(Config c) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<Map<String, Object>> configs = members(c);
        for (int i = 0; i < configs.size(); i++) {
            String prefix = i + ".";
            try {
                paramShapes(Sequential.TYPE, configs.get(i)).forEach((k, v) -> shapes.put(prefix + k, v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ensemble: member " + i + ": " + e.getMessage(), e);
            }
        }
        return shapes;
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

        /** A size that must be positive (the constructors say the same when building). */
        long size(String key) {
            int v = integer(key);
            if (v <= 0) throw new IllegalArgumentException(type + ": '" + key + "' must be positive, got " + v);
            return v;
        }

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
