package dev.recur.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Named layers run one after another, like PyTorch's nn.Sequential: {@link #namedParams()} gives
 * "name.paramName" keys as in its state_dict ("0.weight_ih_l0", "2.weight"; nested containers give
 * "1.0.weight"). Consecutive sizes are checked when it is built.
 */
public final class Sequential implements Container {
    public static final String TYPE = "sequential";

    private final List<String> names;
    private final List<Layer> layers;
    private final int inputSize;
    private final int outputSize;

    private Sequential(List<String> names, List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a sequential model needs at least one layer");
        this.names = List.copyOf(names);
        this.layers = List.copyOf(layers);
        int in = ANY_SIZE, current = ANY_SIZE, source = -1;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.inputSize() != ANY_SIZE) {
                if (current == ANY_SIZE) {
                    if (in == ANY_SIZE) in = l.inputSize();
                } else if (l.inputSize() != current) {
                    throw new IllegalArgumentException("layer " + describe(i) + " expects " + l.inputSize()
                            + " inputs but layer " + describe(source) + " gives " + current);
                }
            }
            if (l.outputSize() != ANY_SIZE) {
                current = l.outputSize();
                source = i;
            }
        }
        this.inputSize = in;
        this.outputSize = current;
    }

    private String describe(int i) { return names.get(i) + " (" + layers.get(i).type() + ")"; }

    /** Layers named by their index: "0", "1", ... */
    public static Sequential of(Layer... layers) {
        Builder b = builder();
        for (Layer l : layers) b.add(l);
        return b.build();
    }

    public static Builder builder() { return new Builder(); }

    /** Rebuilds a container from its {@link #config()} (fresh, zero parameters); see {@link Layers#fromConfig}. */
    public static Sequential fromConfig(Map<String, Object> config) {
        return (Sequential) Layers.fromConfig(TYPE, config);
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Layer> layers = new ArrayList<>();
        private final Map<Layer, String> seen = new IdentityHashMap<>();

        private Builder() {}

        /** Adds a layer named by its index ("0", "1", ...). */
        public Builder add(Layer layer) { return add(String.valueOf(layers.size()), layer); }

        public Builder add(String name, Layer layer) {
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("layer name must be non-empty and without '.', got '" + name + "'");
            }
            if (layer == null) throw new IllegalArgumentException("layer '" + name + "' is null");
            if (names.contains(name)) throw new IllegalArgumentException("duplicate layer name '" + name + "'");
            // Caches in a ForwardPass are keyed by layer identity, so one object cannot sit at two places.
            String other = seen.putIfAbsent(layer, name);
            if (other != null) throw new IllegalArgumentException("layer '" + name + "' is the same object as layer '" + other + "'");
            names.add(name);
            layers.add(layer);
            return this;
        }

        public Sequential build() { return new Sequential(names, layers); }
    }

    @Override public List<Layer> layers() { return layers; }
    @Override public List<String> names() { return names; }

    /** The layer with this name; IllegalArgumentException if there is none. */
    public Layer layer(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no layer named '" + name + "' (have " + names + ")");
        return layers.get(i);
    }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return inputSize; }
    @Override public int outputSize() { return outputSize; }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Seq y = x;
        for (Layer l : layers) y = l.forward(y, pass);
        return y;
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        if (pass.inputGradientSkipped(this) && !layers.isEmpty()) pass.skipInputGradient(layers.get(0));
        Seq g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g, pass);
        return g;
    }

    public void zeroGrad() { for (Param p : params()) p.zeroGrad(); }

    /** Draws every layer's parameters, in layer order, from one {@code new Random(seed)}. */
    public void initialize(long seed) { initialize(new Random(seed)); }

    public long parameterCount() { return params().stream().mapToLong(p -> p.value().size()).sum(); }

    /** Settings that rebuild the container: {"layers": [{"name", "type", "config"}, ...]}. */
    @Override
    public Map<String, Object> config() {
        List<Map<String, Object>> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", names.get(i));
            spec.put("type", layers.get(i).type());
            spec.put("config", layers.get(i).config());
            specs.add(spec);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layers", specs);
        return c;
    }

    /** {@link #summary(boolean)} for a sequence input [B,T,D]. */
    public String summary() { return summary(true); }

    /**
     * A table of every layer: name, type, output shape (B = batch, T = steps, T/2 after a pyramid), parameter
     * count, and the total. {@code sequenceInput} says whether the input is [B,T,D] or [B,D].
     */
    public String summary(boolean sequenceInput) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "type", "output", "params"});
        Shape s = new Shape(sequenceInput, 1, inputSize);
        addRows(rows, "", s);
        rows.add(new String[] {"total", "", "", String.format("%,d", parameterCount())});
        int[] w = new int[4];
        for (String[] r : rows) for (int c = 0; c < 4; c++) w[c] = Math.max(w[c], r[c].length());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (i == rows.size() - 1) sb.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 6)).append('\n');
            sb.append(String.format("%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s", (Object[]) r).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private Shape addRows(List<String[]> rows, String prefix, Shape s) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String name = prefix + names.get(i);
            long count = l.params().stream().mapToLong(p -> p.value().size()).sum();
            if (l instanceof Sequential inner) {
                s = inner.addRows(rows, name + ".", s);
                continue;
            }
            s = s.after(l);
            rows.add(new String[] {name, l.type(), s.toString(), String.format("%,d", count)});
        }
        return s;
    }

    /** Output shape bookkeeping for the summary: sequence or vector, how often T was halved, feature size. */
    private record Shape(boolean sequence, int timeDivisor, int dims) {
        Shape after(Layer l) {
            int d = l.outputSize() == ANY_SIZE ? dims : l.outputSize();
            if (l instanceof SequenceToVector) return new Shape(false, timeDivisor, d);
            if (l instanceof Pyramid) return new Shape(sequence, timeDivisor * 2, d);
            if (l instanceof Conv1d c && c.stride() > 1) return new Shape(sequence, timeDivisor * c.stride(), d);
            return new Shape(sequence, timeDivisor, d);
        }

        @Override public String toString() {
            String dim = dims == ANY_SIZE ? "D" : String.valueOf(dims);
            if (!sequence) return "[B," + dim + "]";
            return "[B," + (timeDivisor == 1 ? "T" : "T/" + timeDivisor) + "," + dim + "]";
        }
    }
}
