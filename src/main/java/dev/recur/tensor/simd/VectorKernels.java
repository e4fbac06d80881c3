package dev.recur.tensor.simd;

import dev.recur.tensor.Activations;
import dev.recur.tensor.Kernels;
import dev.recur.tensor.PackedB;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the Vector API: every {@link Kernels} method, each loop a vector main part and a
 * scalar tail that uses the reference formula. The only package that touches jdk.incubator.vector;
 * loaded reflectively by the kernel selector so the rest of Recur runs without the module. Results
 * match the scalar bodies to float rounding (summation order differs), not bit for bit.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();
    static final VectorSpecies<Float> F = Species.F;
    static final int L = F.length();
    /** Elements per float partial sum in {@link #sumSquares} before it is added to the double total. */
    private static final int SQUARES_BLOCK = 1024;

    private VectorKernels() {}

    @Override public String name() { return "vector"; }
    @Override public int floatLanes() { return L; }
    @Override public String gemmTile() { return VectorGemm.TILE; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        VectorGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public PackedB packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return new PackedB(transB, k, n, b, bOff, ldb, VectorGemm.packAllB(transB, k, n, b, bOff, ldb));
    }

    @Override
    public void gemmPackedB(boolean transA, int m, float[] a, int aOff, int lda, PackedB b,
                            float beta, float[] c, int cOff, int ldc) {
        VectorGemm.gemmPackedB(transA, m, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    @Override
    public void gemmRows(int m, float[] a1, int[] a1Off, int k1, float[] a2, int[] a2Off, PackedB b,
                         float[] bias, int biasOff, float[] c, int[] cOff) {
        if (b.packed() == null) {
            Kernels.super.gemmRows(m, a1, a1Off, k1, a2, a2Off, b, bias, biasOff, c, cOff);
            return;
        }
        VectorGemm.gemmRows(m, a1, a1Off, k1, a2, a2Off, b, bias, biasOff, c, cOff);
    }

    @Override
    public void gemv(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        VectorGemv.gemv(m, n, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void gemvPacked(int m, int n, float[] packed, float[] x, int xOff, float[] bias, int biasOff,
                           float[] y, int yOff) {
        VectorGemv.gemvPacked(m, n, packed, x, xOff, bias, biasOff, y, yOff);
    }

    @Override
    public void gemvPackedBf16(int m, int n, short[] packed, float[] x, int xOff, float[] bias, int biasOff,
                               float[] y, int yOff) {
        VectorGemv.gemvPackedBf16(m, n, packed, x, xOff, bias, biasOff, y, yOff);
    }

    @Override
    public void gemvBf16(int m, int n, short[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        VectorGemv.gemvBf16(m, n, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        int upper = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = xOff + r * cols;
            int c = 0;
            for (; c < upper; c += L) {
                FloatVector.fromArray(F, x, o + c).add(FloatVector.fromArray(F, bias, bOff + c)).intoArray(x, o + c);
            }
            for (; c < cols; c++) x[o + c] += bias[bOff + c];
        }
    }

    @Override
    public void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        // Column blocks kept in registers across all rows; each column is summed in row order like the reference.
        int c = 0;
        for (; c + 4 * L <= cols; c += 4 * L) {
            int oc = outOff + c;
            FloatVector s0 = FloatVector.fromArray(F, out, oc), s1 = FloatVector.fromArray(F, out, oc + L);
            FloatVector s2 = FloatVector.fromArray(F, out, oc + 2 * L), s3 = FloatVector.fromArray(F, out, oc + 3 * L);
            for (int r = 0; r < rows; r++) {
                int o = xOff + r * cols + c;
                s0 = s0.add(FloatVector.fromArray(F, x, o));
                s1 = s1.add(FloatVector.fromArray(F, x, o + L));
                s2 = s2.add(FloatVector.fromArray(F, x, o + 2 * L));
                s3 = s3.add(FloatVector.fromArray(F, x, o + 3 * L));
            }
            s0.intoArray(out, oc); s1.intoArray(out, oc + L); s2.intoArray(out, oc + 2 * L); s3.intoArray(out, oc + 3 * L);
        }
        for (; c + L <= cols; c += L) {
            FloatVector s0 = FloatVector.fromArray(F, out, outOff + c);
            for (int r = 0; r < rows; r++) s0 = s0.add(FloatVector.fromArray(F, x, xOff + r * cols + c));
            s0.intoArray(out, outOff + c);
        }
        for (; c < cols; c++) {
            float s = out[outOff + c];
            for (int r = 0; r < rows; r++) s += x[xOff + r * cols + c];
            out[outOff + c] = s;
        }
    }

    @Override
    public void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        int upper = F.loopBound(n);
        FloatVector va = FloatVector.broadcast(F, a);
        for (; i < upper; i += L) {
            FloatVector.fromArray(F, x, xOff + i).fma(va, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += a * x[xOff + i];
    }

    @Override
    public void scale(int n, float a, float[] x, int xOff) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) FloatVector.fromArray(F, x, xOff + i).mul(a).intoArray(x, xOff + i);
        for (; i < n; i++) x[xOff + i] *= a;
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * L <= n; i += 4 * L) {
            int xo = xOff + i, yo = yOff + i;
            s0 = FloatVector.fromArray(F, x, xo).fma(FloatVector.fromArray(F, y, yo), s0);
            s1 = FloatVector.fromArray(F, x, xo + L).fma(FloatVector.fromArray(F, y, yo + L), s1);
            s2 = FloatVector.fromArray(F, x, xo + 2 * L).fma(FloatVector.fromArray(F, y, yo + 2 * L), s2);
            s3 = FloatVector.fromArray(F, x, xo + 3 * L).fma(FloatVector.fromArray(F, y, yo + 3 * L), s3);
        }
        for (; i + L <= n; i += L) s0 = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), s0);
        float s = Lanes.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    @Override
    public double sumSquares(int n, float[] x, int xOff) {
        // Float lanes over short blocks (each lane adds at most 64 squares), double across blocks.
        double total = 0;
        int i = 0;
        for (; i + SQUARES_BLOCK <= n; i += SQUARES_BLOCK) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0;
            for (int j = i; j < i + SQUARES_BLOCK; j += 2 * L) {
                FloatVector v0 = FloatVector.fromArray(F, x, xOff + j), v1 = FloatVector.fromArray(F, x, xOff + j + L);
                s0 = v0.fma(v0, s0);
                s1 = v1.fma(v1, s1);
            }
            total += Lanes.sum(s0.add(s1));
        }
        int upper = i + F.loopBound(n - i);
        if (i < upper) {
            FloatVector s0 = FloatVector.zero(F);
            for (; i < upper; i += L) { FloatVector v = FloatVector.fromArray(F, x, xOff + i); s0 = v.fma(v, s0); }
            total += Lanes.sum(s0);
        }
        for (; i < n; i++) total += (double) x[xOff + i] * x[xOff + i];
        return total;
    }

    @Override
    public void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(FloatVector.fromArray(F, y, yOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = x[xOff + i] * y[yOff + i];
    }

    @Override
    public void sigmoid(int n, float[] x, int off) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) VectorMath.sigmoid(FloatVector.fromArray(F, x, off + i)).intoArray(x, off + i);
        for (; i < n; i++) x[off + i] = Activations.sigmoid(x[off + i]);
    }

    @Override
    public void tanh(int n, float[] x, int off) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) VectorMath.tanh(FloatVector.fromArray(F, x, off + i)).intoArray(x, off + i);
        for (; i < n; i++) x[off + i] = (float) Math.tanh(x[off + i]);
    }

    @Override
    public void relu(int n, float[] x, int off) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) FloatVector.fromArray(F, x, off + i).max(0f).intoArray(x, off + i);
        for (; i < n; i++) x[off + i] = Math.max(0f, x[off + i]);
    }

    @Override
    public void sigmoidBackward(int n, float[] s, int sOff, float[] g, int gOff) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(F, s, sOff + i);
            FloatVector d = v.mul(FloatVector.broadcast(F, 1f).sub(v));
            FloatVector.fromArray(F, g, gOff + i).mul(d).intoArray(g, gOff + i);
        }
        for (; i < n; i++) { float v = s[sOff + i]; g[gOff + i] *= v * (1f - v); }
    }

    @Override
    public void tanhBackward(int n, float[] t, int tOff, float[] g, int gOff) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(F, t, tOff + i);
            FloatVector d = FloatVector.broadcast(F, 1f).sub(v.mul(v));
            FloatVector.fromArray(F, g, gOff + i).mul(d).intoArray(g, gOff + i);
        }
        for (; i < n; i++) { float v = t[tOff + i]; g[gOff + i] *= 1f - v * v; }
    }

    @Override
    public void reluBackward(int n, float[] y, int yOff, float[] g, int gOff) {
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += L) {
            VectorMask<Float> off = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(F, g, gOff + i).blend(0f, off).intoArray(g, gOff + i);
        }
        for (; i < n; i++) if (y[yOff + i] <= 0f) g[gOff + i] = 0f;
    }

    @Override
    public void softmax(float[] x, int off, int rows, int cols) {
        int upper = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            float max = rowMax(x, o, cols, upper);
            FloatVector vmax = FloatVector.broadcast(F, max);
            FloatVector vsum = FloatVector.zero(F);
            int c = 0;
            for (; c < upper; c += L) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(F, x, o + c).sub(vmax));
                e.intoArray(x, o + c);
                vsum = vsum.add(e);
            }
            double sum = Lanes.sum(vsum);
            for (; c < cols; c++) { float e = (float) Math.exp(x[o + c] - max); x[o + c] = e; sum += e; }
            float inv = (float) (1.0 / sum);
            c = 0;
            for (; c < upper; c += L) FloatVector.fromArray(F, x, o + c).mul(inv).intoArray(x, o + c);
            for (; c < cols; c++) x[o + c] *= inv;
        }
    }

    @Override
    public void logSoftmax(float[] x, int off, int rows, int cols) {
        int upper = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            float max = rowMax(x, o, cols, upper);
            FloatVector vmax = FloatVector.broadcast(F, max);
            FloatVector vsum = FloatVector.zero(F);
            int c = 0;
            for (; c < upper; c += L) vsum = vsum.add(VectorMath.exp(FloatVector.fromArray(F, x, o + c).sub(vmax)));
            double sum = Lanes.sum(vsum);
            for (; c < cols; c++) sum += Math.exp(x[o + c] - max);
            float lse = (float) (max + Math.log(sum));
            c = 0;
            for (; c < upper; c += L) FloatVector.fromArray(F, x, o + c).sub(lse).intoArray(x, o + c);
            for (; c < cols; c++) x[o + c] -= lse;
        }
    }

    private static float rowMax(float[] x, int o, int cols, int upper) {
        float max = Float.NEGATIVE_INFINITY;
        int c = 0;
        if (upper > 0) {
            FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; c < upper; c += L) vmax = vmax.max(FloatVector.fromArray(F, x, o + c));
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; c < cols; c++) max = Math.max(max, x[o + c]);
        return max;
    }

    @Override
    public void lstmPointwise(int batch, int hidden, float[] gates, int gOff, int ldg,
                              float[] cPrev, int cpOff, int ldcp, float[] c, int cOff, int ldc,
                              float[] h, int hOff, int ldh) {
        // Activations through the array kernels: C2 inlines all five transcendentals of one fused body only
        // up to its node cutoff and boxes the vectors of the rest.
        for (int b = 0; b < batch; b++) {
            int g0 = gOff + b * ldg;
            sigmoid(2 * hidden, gates, g0);
            tanh(hidden, gates, g0 + 2 * hidden);
            sigmoid(hidden, gates, g0 + 3 * hidden);
            lstmCell(hidden, gates, g0, cPrev, cpOff + b * ldcp, c, cOff + b * ldc, h, hOff + b * ldh);
        }
    }

    /**
     * c = f⊙cPrev + i⊙g and h = o⊙tanh(c) for one row of activated gates, in three loops with tanh through its
     * array kernel (c goes to h, tanh turns it in place, o scales it): the same operations, so the same bits, as
     * one fused loop, but a fused body puts tanh's compare, blend and division into C2's node budget with the
     * cell's loads and stores, and where C2 gives up on part of it (seen on a Sapphire Rapids Xeon for the GRU
     * cell, 13 % of its forward in blendTemplate) the vectors are boxed: every step allocates, and threads then
     * scale with the garbage collector instead of the cores.
     */
    private void lstmCell(int hidden, float[] gates, int g0, float[] cPrev, int cp, float[] c, int co,
                          float[] h, int ho) {
        int gi = g0, gf = g0 + hidden, gg = g0 + 2 * hidden, go = g0 + 3 * hidden;
        int upper = F.loopBound(hidden);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector in = FloatVector.fromArray(F, gates, gi + j);
            FloatVector fg = FloatVector.fromArray(F, gates, gf + j);
            FloatVector g = FloatVector.fromArray(F, gates, gg + j);
            FloatVector cv = fg.mul(FloatVector.fromArray(F, cPrev, cp + j)).add(in.mul(g));
            cv.intoArray(c, co + j);
            cv.intoArray(h, ho + j);
        }
        for (; j < hidden; j++) {
            float cv = gates[gf + j] * cPrev[cp + j] + gates[gi + j] * gates[gg + j];
            c[co + j] = cv;
            h[ho + j] = cv;
        }
        tanh(hidden, h, ho);
        j = 0;
        for (; j < upper; j += L) {
            FloatVector.fromArray(F, gates, go + j).mul(FloatVector.fromArray(F, h, ho + j)).intoArray(h, ho + j);
        }
        for (; j < hidden; j++) h[ho + j] = gates[go + j] * h[ho + j];
    }

    @Override
    public void lstmPointwiseBackward(int batch, int hidden, float[] gates, int gOff, int ldg,
                                      float[] cPrev, int cpOff, int ldcp, float[] c, int cOff, int ldc,
                                      float[] dh, int dhOff, int lddh, float[] dc, int dcOff, int lddc,
                                      float[] dGates, int dgOff, int lddg) {
        int upper = F.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int b = 0; b < batch; b++) {
            int g0 = gOff + b * ldg, cp = cpOff + b * ldcp, co = cOff + b * ldc;
            int dho = dhOff + b * lddh, dco = dcOff + b * lddc, d0 = dgOff + b * lddg;
            // tanh(c) through its array kernel into the o slot of dGates, which each element reads before it
            // writes there: the same bits as tanh inside the loop, without tanh's blend in this large body (see
            // lstmCell: what C2 cannot fit, it boxes).
            int tcOff = d0 + 3 * hidden;
            System.arraycopy(c, co, dGates, tcOff, hidden);
            tanh(hidden, dGates, tcOff);
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector in = FloatVector.fromArray(F, gates, g0 + j);
                FloatVector fg = FloatVector.fromArray(F, gates, g0 + hidden + j);
                FloatVector g = FloatVector.fromArray(F, gates, g0 + 2 * hidden + j);
                FloatVector og = FloatVector.fromArray(F, gates, g0 + 3 * hidden + j);
                FloatVector tc = FloatVector.fromArray(F, dGates, tcOff + j);
                FloatVector dhv = FloatVector.fromArray(F, dh, dho + j);
                FloatVector dcv = FloatVector.fromArray(F, dc, dco + j).add(dhv.mul(og).mul(one.sub(tc.mul(tc))));
                dcv.mul(g).mul(in).mul(one.sub(in)).intoArray(dGates, d0 + j);
                dcv.mul(FloatVector.fromArray(F, cPrev, cp + j)).mul(fg).mul(one.sub(fg)).intoArray(dGates, d0 + hidden + j);
                dcv.mul(in).mul(one.sub(g.mul(g))).intoArray(dGates, d0 + 2 * hidden + j);
                dhv.mul(tc).mul(og).mul(one.sub(og)).intoArray(dGates, d0 + 3 * hidden + j);
                dcv.mul(fg).intoArray(dc, dco + j);
            }
            for (; j < hidden; j++) {
                float in = gates[g0 + j], fg = gates[g0 + hidden + j];
                float g = gates[g0 + 2 * hidden + j], og = gates[g0 + 3 * hidden + j];
                float tc = dGates[tcOff + j];
                float dhv = dh[dho + j];
                float dcv = dc[dco + j] + dhv * og * (1f - tc * tc);
                dGates[d0 + j] = dcv * g * in * (1f - in);
                dGates[d0 + hidden + j] = dcv * cPrev[cp + j] * fg * (1f - fg);
                dGates[d0 + 2 * hidden + j] = dcv * in * (1f - g * g);
                dGates[d0 + 3 * hidden + j] = dhv * tc * og * (1f - og);
                dc[dco + j] = dcv * fg;
            }
        }
    }

    @Override
    public void gruPointwise(int batch, int hidden, float[] gx, int gxOff, int ldgx, float[] gh, int ghOff, int ldgh,
                             float[] hPrev, int hpOff, int ldhp, float[] h, int hOff, int ldh) {
        // r and z (whole pre-activations already) through the array kernel (see lstmPointwise: C2's node
        // cutoff would box the vectors).
        for (int b = 0; b < batch; b++) {
            int x0 = gxOff + b * ldgx, h0 = ghOff + b * ldgh;
            sigmoid(2 * hidden, gx, x0);
            gruCell(hidden, gx, x0, gh, h0, hPrev, hpOff + b * ldhp, h, hOff + b * ldh);
        }
    }

    /**
     * n = tanh(gx_n + r⊙gh_n) and h = (1 − z)⊙n + z⊙hPrev for one row with r, z already activated. Three loops,
     * tanh through its array kernel: fused into one body, C2 left tanh's blend and the stores boxed.
     */
    private void gruCell(int hidden, float[] gx, int x0, float[] gh, int h0, float[] hPrev, int hp,
                         float[] h, int ho) {
        int xn = x0 + 2 * hidden, hn = h0 + 2 * hidden;
        int upper = F.loopBound(hidden);
        int j = 0;
        for (; j < upper; j += L) {
            FloatVector r = FloatVector.fromArray(F, gx, x0 + j);
            FloatVector.fromArray(F, gx, xn + j).add(r.mul(FloatVector.fromArray(F, gh, hn + j))).intoArray(gx, xn + j);
        }
        for (; j < hidden; j++) gx[xn + j] = gx[xn + j] + gx[x0 + j] * gh[hn + j];
        tanh(hidden, gx, xn);
        FloatVector one = FloatVector.broadcast(F, 1f);
        j = 0;
        for (; j < upper; j += L) {
            FloatVector z = FloatVector.fromArray(F, gx, x0 + hidden + j);
            FloatVector n = FloatVector.fromArray(F, gx, xn + j);
            one.sub(z).mul(n).add(z.mul(FloatVector.fromArray(F, hPrev, hp + j))).intoArray(h, ho + j);
        }
        for (; j < hidden; j++) {
            float z = gx[x0 + hidden + j];
            h[ho + j] = (1f - z) * gx[xn + j] + z * hPrev[hp + j];
        }
    }

    @Override
    public void gruPointwiseBackward(int batch, int hidden, float[] gx, int gxOff, int ldgx, float[] gh, int ghOff, int ldgh,
                                     float[] hPrev, int hpOff, int ldhp, float[] dh, int dhOff, int lddh,
                                     float[] dGx, int dgxOff, int lddgx, float[] dGh, int dghOff, int lddgh,
                                     float[] dhPrev, int dhpOff, int lddhp) {
        int upper = F.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int b = 0; b < batch; b++) {
            int x0 = gxOff + b * ldgx, h0 = ghOff + b * ldgh, hp = hpOff + b * ldhp, dho = dhOff + b * lddh;
            int dx0 = dgxOff + b * lddgx, dh0 = dghOff + b * lddgh, dhp = dhpOff + b * lddhp;
            int j = 0;
            for (; j < upper; j += L) {
                FloatVector r = FloatVector.fromArray(F, gx, x0 + j);
                FloatVector z = FloatVector.fromArray(F, gx, x0 + hidden + j);
                FloatVector n = FloatVector.fromArray(F, gx, x0 + 2 * hidden + j);
                FloatVector dhv = FloatVector.fromArray(F, dh, dho + j);
                FloatVector dnPre = dhv.mul(one.sub(z)).mul(one.sub(n.mul(n)));
                FloatVector drPre = dnPre.mul(FloatVector.fromArray(F, gh, h0 + 2 * hidden + j)).mul(r).mul(one.sub(r));
                FloatVector dzPre = dhv.mul(FloatVector.fromArray(F, hPrev, hp + j).sub(n)).mul(z).mul(one.sub(z));
                drPre.intoArray(dGx, dx0 + j);
                dzPre.intoArray(dGx, dx0 + hidden + j);
                dnPre.intoArray(dGx, dx0 + 2 * hidden + j);
                drPre.intoArray(dGh, dh0 + j);
                dzPre.intoArray(dGh, dh0 + hidden + j);
                dnPre.mul(r).intoArray(dGh, dh0 + 2 * hidden + j);
                dhv.mul(z).intoArray(dhPrev, dhp + j);
            }
            for (; j < hidden; j++) {
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
}
