package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.Map;

/** An element-wise activation (ReLU or tanh) as a layer; padded steps give 0. Size-agnostic unless built with a size. */
public final class Activation implements Layer {

    public enum Kind {
        RELU("relu"), TANH("tanh");

        private final String type;
        Kind(String type) { this.type = type; }
        public String type() { return type; }
    }

    private final int size;
    private final Kind kind;

    public Activation(Kind kind) { this(ANY_SIZE, kind); }

    public Activation(int size, Kind kind) {
        if (size != ANY_SIZE) Steps.positive(kind.type(), "size", size);
        this.size = size;
        this.kind = kind;
    }

    public static Activation relu() { return new Activation(Kind.RELU); }
    public static Activation tanh() { return new Activation(Kind.TANH); }

    public Kind kind() { return kind; }
    @Override public String type() { return kind.type(); }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return size; }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireDims(type(), x, size);
        float[] y = x.values().data().clone();
        Kernels k = Kernels.active();
        if (kind == Kind.RELU) k.relu(y.length, y, 0);
        else k.tanh(y.length, y, 0);
        Steps.zeroPadded(y, x, x.dims());
        if (pass.training()) pass.save(this, y);
        return new Seq(Tensor.of(y, x.values().shape()), x.lengths());
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        float[] y = pass.saved(this);
        float[] g = dy.values().data().clone();
        Steps.zeroPadded(g, dy, dy.dims());
        Kernels k = Kernels.active();
        if (kind == Kind.RELU) k.reluBackward(g.length, y, 0, g, 0);
        else k.tanhBackward(g.length, y, 0, g, 0);
        return new Seq(Tensor.of(g, dy.values().shape()), dy.lengths());
    }

    @Override
    public Map<String, Object> config() { return size == ANY_SIZE ? Map.of() : Map.of("size", size); }
}
