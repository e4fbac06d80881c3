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

    /** The GEMM register tile (rows x vectors of columns, e.g. "8x2"), or "-" on a path without one. */
    default String gemmTile() { return "-"; }

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

    /** op(B) [k×n] prepared for {@link #gemmPackedB}: packed once on a path that packs, kept as is otherwise. */
    default PackedB packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return new PackedB(transB, k, n, b, bOff, ldb, null);
    }

    /**
     * {@link #gemm} with op(B) from {@link #packB}: C[m×n] = op(A)·op(B) + beta·C without repacking B at every
     * call. For m ≥ 8 the same bits as gemm with that B. Stronger than gemm's contract: every row of C is
     * computed the same way whatever m is (a packed B runs the register tiles even for a few rows, where
     * gemm switches to matrix-vector products), so a chunk of 3 rows equals those rows of a larger product.
     */
    default void gemmPackedB(boolean transA, int m, float[] a, int aOff, int lda, PackedB b,
                             float beta, float[] c, int cOff, int ldc) {
        gemm(transA, b.transB(), m, b.n(), b.k(), a, aOff, lda, b.b(), b.bOff(), b.ldb(), beta, c, cOff, ldc);
    }

    /**
     * A product whose rows of A and C lie anywhere, and whose k is two runs of A: for each row i &lt; m,
     * {@code C[cOff[i] + j] = bias[biasOff + j] + Σ_{p<k1} a1[a1Off[i] + p]·op(B)[p][j] + Σ_{p<k−k1} a2[a2Off[i] + p]·op(B)[k1 + p][j]}
     * for j &lt; n, with op(B) [k×n] from {@link #packB} (bias null: 0; C is only written). One recurrent step in
     * one call: A's two runs are x_t and h_{t−1} of each row, B is [W_ih | W_hh]ᵀ, so the input projection, the
     * hidden product and both biases land in the gate row together. Each row is computed the same way whatever
     * m is and whichever rows share its call (a row's result depends only on its own A rows), so results do not
     * depend on how a batch is split across threads.
     */
    default void gemmRows(int m, float[] a1, int[] a1Off, int k1, float[] a2, int[] a2Off, PackedB b,
                          float[] bias, int biasOff, float[] c, int[] cOff) {
        int n = b.n(), k = b.k();
        float[] bb = b.b();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = bias == null ? 0f : bias[biasOff + j];
                for (int p = 0; p < k; p++) {
                    float av = p < k1 ? a1[a1Off[i] + p] : a2[a2Off[i] + p - k1];
                    float bv = b.transB() ? bb[b.bOff() + j * b.ldb() + p] : bb[b.bOff() + p * b.ldb() + j];
                    s += av * bv;
                }
                c[cOff[i] + j] = s;
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

    /** Rows per panel of {@link #packForGemv}; the layout is the same on every kernel path. */
    int GEMV_PANEL = 64;

    /**
     * A[m×n] (row stride lda) laid out for {@link #gemvPacked}: panels of {@link #GEMV_PANEL} rows, each stored
     * column by column ({@code packed[(p·n + j)·P + r] = A[p·P + r][j]}), rows past m zero. Packed once, the
     * matrix is read by every product as one unit-stride stream, and no lanes need summing across.
     */
    static float[] packForGemv(int m, int n, float[] a, int aOff, int lda) {
        int p = GEMV_PANEL, panels = (m + p - 1) / p;
        float[] packed = new float[panels * p * n];
        for (int i = 0; i < m; i++) {
            int base = (i / p) * n * p + i % p;
            for (int j = 0; j < n; j++) packed[base + j * p] = a[aOff + i * lda + j];
        }
        return packed;
    }

    /**
     * y[i] = Σ_j A[i][j]·x[j] + bias[i] for i &lt; m, A packed by {@link #packForGemv} (bias null: 0). Each sum
     * runs in order j = 0..n−1 with one fma per term, then the bias is added, so every kernel path gives the
     * same bits.
     */
    default void gemvPacked(int m, int n, float[] packed, float[] x, int xOff, float[] bias, int biasOff,
                            float[] y, int yOff) {
        int p = GEMV_PANEL;
        for (int i = 0; i < m; i++) {
            int base = (i / p) * n * p + i % p;
            float s = 0f;
            for (int j = 0; j < n; j++) s = Math.fma(packed[base + j * p], x[xOff + j], s);
            y[yOff + i] = bias == null ? s : s + bias[biasOff + i];
        }
    }

    /** {@link #packForGemv}'s layout with each weight rounded to bfloat16 bits ({@link #toBf16}), for {@link #gemvPackedBf16}. */
    static short[] packForGemvBf16(int m, int n, float[] a, int aOff, int lda) {
        float[] packed = packForGemv(m, n, a, aOff, lda);
        return toBf16(packed, 0, packed.length);
    }

    /**
     * {@link #gemvPacked} on bfloat16 weights: half the bytes to read per product, so the weights of a 2-layer
     * LSTM-256 fit a core's L2. Same summation order and bits on every path, but the weights keep only 8
     * significant bits: opt-in for sampling, never for training.
     */
    default void gemvPackedBf16(int m, int n, short[] packed, float[] x, int xOff, float[] bias, int biasOff,
                                float[] y, int yOff) {
        int p = GEMV_PANEL;
        for (int i = 0; i < m; i++) {
            int base = (i / p) * n * p + i % p;
            float s = 0f;
            for (int j = 0; j < n; j++) s = Math.fma(bf16ToFloat(packed[base + j * p]), x[xOff + j], s);
            y[yOff + i] = bias == null ? s : s + bias[biasOff + i];
        }
    }

    /**
     * y[m] = A[m×n]·x[n] + beta·y with A stored as bfloat16 bits (the high half of a float32; see
     * {@link #toBf16}). For batch-1 generation, whose cost is reading the weights: half the bytes of
     * {@link #gemv}, so the weights of a 2-layer LSTM-256 (2 MB as bfloat16) can stay in a core's L2, and
     * widening is one shift. Weights keep 8 significant bits (relative error ≤ 2^-9), so use it only
     * where that is acceptable (sampling), never for training.
     */
    default void gemvBf16(int m, int n, short[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        for (int i = 0; i < m; i++) {
            float s = 0f;
            for (int j = 0; j < n; j++) s += bf16ToFloat(a[aOff + i * lda + j]) * x[xOff + j];
            y[yOff + i] = beta == 0f ? s : s + beta * y[yOff + i];
        }
    }

    /** bfloat16 bits of x[off..off+n), rounded to nearest even, for {@link #gemvBf16} (NaN and ±Inf are not expected). */
    static short[] toBf16(float[] x, int off, int n) {
        short[] h = new short[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(x[off + i]);
            h[i] = (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
        }
        return h;
    }

    /** The float a bfloat16 stands for (exact). */
    static float bf16ToFloat(short h) {
        return Float.intBitsToFloat(h << 16);
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

    /**
     * The pointwise part of one LSTM step (PyTorch gate order i, f, g, o), fused, for {@code batch} rows.
     * On entry {@code gates} row b holds the 4·hidden pre-activations (x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh);
     * on exit it holds the activations i = σ, f = σ, g = tanh, o = σ, which {@link #lstmPointwiseBackward}
     * needs. Then c = f⊙cPrev + i⊙g and h = o⊙tanh(c). Rows of each array are {@code ld*} floats apart
     * (e.g. steps·hidden inside a [batch, steps, hidden] sequence). {@code h} may not alias the others.
     */
    default void lstmPointwise(int batch, int hidden, float[] gates, int gOff, int ldg,
                               float[] cPrev, int cpOff, int ldcp, float[] c, int cOff, int ldc,
                               float[] h, int hOff, int ldh) {
        for (int b = 0; b < batch; b++) {
            int g0 = gOff + b * ldg, cp = cpOff + b * ldcp, co = cOff + b * ldc, ho = hOff + b * ldh;
            for (int j = 0; j < hidden; j++) {
                float in = Activations.sigmoid(gates[g0 + j]);
                float fg = Activations.sigmoid(gates[g0 + hidden + j]);
                float gg = (float) Math.tanh(gates[g0 + 2 * hidden + j]);
                float og = Activations.sigmoid(gates[g0 + 3 * hidden + j]);
                gates[g0 + j] = in;
                gates[g0 + hidden + j] = fg;
                gates[g0 + 2 * hidden + j] = gg;
                gates[g0 + 3 * hidden + j] = og;
                float cv = fg * cPrev[cp + j] + in * gg;
                c[co + j] = cv;
                h[ho + j] = og * (float) Math.tanh(cv);
            }
        }
    }

    /**
     * Backward of {@link #lstmPointwise} for {@code batch} rows. Inputs: the activated {@code gates}, cPrev
     * and c of the step, dh = dL/dh of the step (from the output and the next step). {@code dc} holds
     * dL/dc from the next step on entry (zeros at the last step) and dL/dcPrev on exit. Writes dL/d(gate
     * pre-activations) to {@code dGates} (4·hidden per row), which feeds the weight and input gradients.
     * {@code dGates} may not alias the other arrays (a kernel may use it as scratch before writing it).
     */
    default void lstmPointwiseBackward(int batch, int hidden, float[] gates, int gOff, int ldg,
                                       float[] cPrev, int cpOff, int ldcp, float[] c, int cOff, int ldc,
                                       float[] dh, int dhOff, int lddh, float[] dc, int dcOff, int lddc,
                                       float[] dGates, int dgOff, int lddg) {
        for (int b = 0; b < batch; b++) {
            int g0 = gOff + b * ldg, cp = cpOff + b * ldcp, co = cOff + b * ldc;
            int dho = dhOff + b * lddh, dco = dcOff + b * lddc, d0 = dgOff + b * lddg;
            for (int j = 0; j < hidden; j++) {
                float in = gates[g0 + j], fg = gates[g0 + hidden + j];
                float gg = gates[g0 + 2 * hidden + j], og = gates[g0 + 3 * hidden + j];
                float tc = (float) Math.tanh(c[co + j]);
                float dhv = dh[dho + j];
                float dcv = dc[dco + j] + dhv * og * (1f - tc * tc);
                dGates[d0 + j] = dcv * gg * in * (1f - in);
                dGates[d0 + hidden + j] = dcv * cPrev[cp + j] * fg * (1f - fg);
                dGates[d0 + 2 * hidden + j] = dcv * in * (1f - gg * gg);
                dGates[d0 + 3 * hidden + j] = dhv * tc * og * (1f - og);
                dc[dco + j] = dcv * fg;
            }
        }
    }

    /**
     * The pointwise part of one GRU step (PyTorch gate order r, z, n), fused, for {@code batch} rows.
     * {@code gx} row b holds the whole pre-activations of r and z (x·W_iᵀ + b_i + h·W_hᵀ + b_h, already
     * summed) and n's input part x·W_inᵀ + b_in; {@code gh} row b holds n's hidden part W_hn·h + b_hn in its
     * n columns (2·hidden..3·hidden; the r and z columns are not read). r = σ(gx_r), z = σ(gx_z),
     * n = tanh(gx_n + r⊙gh_n), h = (1 − z)⊙n + z⊙hPrev. On exit gx holds r, z, n (for
     * {@link #gruPointwiseBackward}); gh is unchanged.
     */
    default void gruPointwise(int batch, int hidden, float[] gx, int gxOff, int ldgx, float[] gh, int ghOff, int ldgh,
                              float[] hPrev, int hpOff, int ldhp, float[] h, int hOff, int ldh) {
        for (int b = 0; b < batch; b++) {
            int x0 = gxOff + b * ldgx, h0 = ghOff + b * ldgh, hp = hpOff + b * ldhp, ho = hOff + b * ldh;
            for (int j = 0; j < hidden; j++) {
                float r = Activations.sigmoid(gx[x0 + j]);
                float z = Activations.sigmoid(gx[x0 + hidden + j]);
                float n = (float) Math.tanh(gx[x0 + 2 * hidden + j] + r * gh[h0 + 2 * hidden + j]);
                gx[x0 + j] = r;
                gx[x0 + hidden + j] = z;
                gx[x0 + 2 * hidden + j] = n;
                h[ho + j] = (1f - z) * n + z * hPrev[hp + j];
            }
        }
    }

    /**
     * Backward of {@link #gruPointwise}: from the activations in {@code gx} (r, z, n), n's hidden part in
     * {@code gh} (its n columns), hPrev and dh = dL/dh of the step, writes dL/d(input pre-activations) to {@code dGx},
     * dL/d(hidden pre-activations) to {@code dGh} (both 3·hidden per row) and the direct part z⊙dh of
     * dL/dhPrev to {@code dhPrev} (overwritten; the caller adds dGh·W_hh).
     */
    default void gruPointwiseBackward(int batch, int hidden, float[] gx, int gxOff, int ldgx, float[] gh, int ghOff, int ldgh,
                                      float[] hPrev, int hpOff, int ldhp, float[] dh, int dhOff, int lddh,
                                      float[] dGx, int dgxOff, int lddgx, float[] dGh, int dghOff, int lddgh,
                                      float[] dhPrev, int dhpOff, int lddhp) {
        for (int b = 0; b < batch; b++) {
            int x0 = gxOff + b * ldgx, h0 = ghOff + b * ldgh, hp = hpOff + b * ldhp, dho = dhOff + b * lddh;
            int dx0 = dgxOff + b * lddgx, dh0 = dghOff + b * lddgh, dhp = dhpOff + b * lddhp;
            for (int j = 0; j < hidden; j++) {
                float r = gx[x0 + j], z = gx[x0 + hidden + j], n = gx[x0 + 2 * hidden + j];
                float dhv = dh[dho + j];
                float dnPre = dhv * (1f - z) * (1f - n * n);
                float drPre = dnPre * gh[h0 + 2 * hidden + j] * r * (1f - r);
                float dzPre = dhv * (hPrev[hp + j] - n) * z * (1f - z);
                dGx[dx0 + j] = drPre;
                dGx[dx0 + hidden + j] = dzPre;
                dGx[dx0 + 2 * hidden + j] = dnPre;
                dGh[dh0 + j] = drPre;
                dGh[dh0 + hidden + j] = dzPre;
                dGh[dh0 + 2 * hidden + j] = dnPre * r;
                dhPrev[dhp + j] = dhv * z;
            }
        }
    }

    /** The kernels chosen for this JVM (SIMD when jdk.incubator.vector is present, else scalar). */
    static Kernels active() { return KernelSelector.ACTIVE; }

    /** The scalar reference kernels. */
    static Kernels scalar() { return ScalarKernels.INSTANCE; }
}
