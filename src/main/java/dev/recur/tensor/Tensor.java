package dev.recur.tensor;

import java.util.Arrays;

/**
 * A dense row-major float32 tensor: a {@code float[]} and a shape. Kernels work on the raw array with
 * offsets, so a tensor is only a convenient owner of the storage, never a graph node.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[checkedSize(shape)], shape.clone());
    }

    /** Wraps (does not copy) {@code data}; its length must equal the product of {@code shape}. */
    public static Tensor of(float[] data, int... shape) {
        int n = checkedSize(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        return new Tensor(data, shape.clone());
    }

    static int checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int) n;
    }

    public float[] data() { return data; }
    public int[] shape() { return shape.clone(); }
    public int rank() { return shape.length; }
    public int dim(int i) { return shape[i < 0 ? shape.length + i : i]; }
    public int size() { return data.length; }

    public float get(int... idx) { return data[offset(idx)]; }
    public void set(float v, int... idx) { data[offset(idx)] = v; }

    private int offset(int[] idx) {
        if (idx.length != shape.length) throw new IllegalArgumentException("index rank " + idx.length + " != " + shape.length);
        int off = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside " + Arrays.toString(shape));
            off = off * shape[i] + idx[i];
        }
        return off;
    }

    /** Same storage, new shape. */
    public Tensor reshape(int... newShape) { return Tensor.of(data, newShape); }

    public Tensor copy() { return new Tensor(data.clone(), shape.clone()); }

    public void fill(float v) { Arrays.fill(data, v); }

    public boolean sameShape(Tensor o) { return Arrays.equals(shape, o.shape); }

    public String shapeString() { return Arrays.toString(shape); }

    @Override public String toString() {
        return "Tensor" + Arrays.toString(shape) + (data.length <= 16 ? Arrays.toString(data) : "");
    }
}
