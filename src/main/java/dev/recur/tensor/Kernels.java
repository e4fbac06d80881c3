package dev.recur.tensor;

/**
 * The numeric kernels the RNN core runs on. Every method has a plain scalar body here: that body is the
 * reference. {@link ScalarKernels} uses the bodies as they are; the SIMD implementation in
 * {@code dev.recur.tensor.simd} overrides what it vectorises and is tested against these bodies.
 * All arrays are row-major with explicit offsets and leading dimensions, so callers can reuse workspaces.
 */
public interface Kernels {

    /** Name of the path in use ("vector" or "scalar"), for {@code recur info}. */
    default String name() { return "scalar"; }

    /** Lanes of float per vector register; 1 for the scalar path. */
    default int floatLanes() { return 1; }

    /**
     * C[m×n] = op(A)·op(B) + beta·C, where op(A) is m×k (A stored k×m when transA) and op(B) is k×n
     * (B stored n×k when transB). beta is typically 0 (overwrite) or 1 (accumulate); with beta 0, C is
     * never read. Contract for {@link Parallel}: when m ≥ 8, every row of C must be computed the same way
     * whatever m is and wherever the row lies, so row blocks computed apart equal the whole bit for bit.
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? s : s + beta * c[ci];
            }
        }
    }

    /** y[m] = A[m×n]·x[n] + beta·y. */
    default void gemv(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        for (int i = 0; i < m; i++) {
            float s = 0f;
            for (int j = 0; j < n; j++) s += a[aOff + i * lda + j] * x[xOff + j];
            y[yOff + i] = beta == 0f ? s : s + beta * y[yOff + i];
        }
    }

    /** Adds bias[cols] to every row of x[rows×cols]. */
    default void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        for (int r = 0; r < rows; r++) {
            int o = xOff + r * cols;
            for (int c = 0; c < cols; c++) x[o + c] += bias[bOff + c];
        }
    }

    /** out[cols] += column sums of x[rows×cols] (the gradient of a bias). */
    default void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int o = xOff + r * cols;
            for (int c = 0; c < cols; c++) out[outOff + c] += x[o + c];
        }
    }

    /** y += a·x. */
    default void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] += a * x[xOff + i];
    }

    /** x *= a. */
    default void scale(int n, float a, float[] x, int xOff) {
        for (int i = 0; i < n; i++) x[xOff + i] *= a;
    }

    default float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    /** Sum of squares, accumulated in double (used for gradient norms). */
    default double sumSquares(int n, float[] x, int xOff) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) x[xOff + i] * x[xOff + i];
        return s;
    }

    /** out = x ⊙ y. */
    default void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] * y[yOff + i];
    }

    /** In-place logistic sigmoid. */
    default void sigmoid(int n, float[] x, int off) {
        for (int i = off; i < off + n; i++) x[i] = Activations.sigmoid(x[i]);
    }

    /** In-place tanh. */
    default void tanh(int n, float[] x, int off) {
        for (int i = off; i < off + n; i++) x[i] = (float) Math.tanh(x[i]);
    }

    /** In-place ReLU. */
    default void relu(int n, float[] x, int off) {
        for (int i = off; i < off + n; i++) x[i] = Math.max(0f, x[i]);
    }

    /** g *= s·(1−s), where s = sigmoid output. */
    default void sigmoidBackward(int n, float[] s, int sOff, float[] g, int gOff) {
        for (int i = 0; i < n; i++) { float v = s[sOff + i]; g[gOff + i] *= v * (1f - v); }
    }

    /** g *= 1−t², where t = tanh output. */
    default void tanhBackward(int n, float[] t, int tOff, float[] g, int gOff) {
        for (int i = 0; i < n; i++) { float v = t[tOff + i]; g[gOff + i] *= 1f - v * v; }
    }

    /** g *= [y > 0], where y = relu output. */
    default void reluBackward(int n, float[] y, int yOff, float[] g, int gOff) {
        for (int i = 0; i < n; i++) if (y[yOff + i] <= 0f) g[gOff + i] = 0f;
    }

    /** Row-wise softmax of x[rows×cols], in place. */
    default void softmax(float[] x, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[o + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) { float e = (float) Math.exp(x[o + c] - max); x[o + c] = e; sum += e; }
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < cols; c++) x[o + c] *= inv;
        }
    }

    /** Row-wise log-softmax of x[rows×cols], in place. */
    default void logSoftmax(float[] x, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[o + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.exp(x[o + c] - max);
            float lse = (float) (max + Math.log(sum));
            for (int c = 0; c < cols; c++) x[o + c] -= lse;
        }
    }

    /** The kernels chosen for this JVM (SIMD when jdk.incubator.vector is present, else scalar). */
    static Kernels active() { return KernelSelector.ACTIVE; }

    /** The scalar reference kernels. */
    static Kernels scalar() { return ScalarKernels.INSTANCE; }
}
