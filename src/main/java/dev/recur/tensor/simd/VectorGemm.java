package dev.recur.tensor.simd;

import dev.recur.tensor.PackedB;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked SGEMM on the Vector API, GotoBLAS style: op(B) is packed into zero-padded panels of
 * {@link #NB} = NR vectors of columns, op(A) into panels of {@link #MR} rows, and an MR×NB register tile
 * of accumulators is updated with one FMA per (row, vector) for every k. Packing makes all four
 * transpose combinations run the same micro-kernel on unit-stride data. Fewer than MR rows (batch-1
 * generation) skip packing: see {@link #smallM}.
 *
 * <p>For m ≥ MR every output element is computed the same way wherever its row falls (each lane
 * accumulates its own k sum in order; edge tiles are written back with the same operations), so
 * splitting the rows of C across threads in chunks of at least 8 rows gives bit-identical results.
 * The k dimension is cut into blocks of {@link #KC}; partial sums go through C, which is why
 * {@code beta} is applied only with the first block.
 */
final class VectorGemm {
    private VectorGemm() {}

    static final VectorSpecies<Float> F = Species.F;
    static final int L = F.length();
    /**
     * Register tile: MR rows × NR vectors of accumulators. With 32 vector registers (AVX-512) 8×2, with 16
     * (AVX2, NEON) 4×2. {@code -Drecur.gemm.tile=8x2|6x4|4x4|4x2} overrides the choice, for benchmarking and
     * so that CI runs every tile against the scalar reference (pom.xml's kernel-variant executions):
     * on the development machine 6×4 was faster for very tall NT products (m = 12384) and slower or equal
     * elsewhere, within the noise of a shared machine.
     */
    static final String TILE = tile(System.getProperty("recur.gemm.tile", ""));
    static final int MR = Integer.parseInt(TILE.substring(0, TILE.indexOf('x')));
    static final int NR = Integer.parseInt(TILE.substring(TILE.indexOf('x') + 1));
    /** Columns per packed B panel. */
    static final int NB = NR * L;

    /** The requested tile if there is a micro-kernel for it, else the default for the register count. */
    private static String tile(String requested) {
        return switch (requested) {
            case "8x2", "6x4", "4x4", "4x2" -> requested;
            // By the host's register count (32 with AVX-512), not by the width in use: 8 lanes forced on an
            // AVX-512 host still have 32 registers.
            default -> FloatVector.SPECIES_PREFERRED.length() >= 16 ? "8x2" : "4x2";
        };
    }
    /** k block: a KC×NB B panel (32 KB) stays in L1 while the MR×KC A panels stream past it. */
    static final int KC = Integer.getInteger("recur.gemm.kc", 8192 / NB);
    /** Rows of A packed at once (stays in L2). */
    static final int MC = 16 * MR;
    /** Columns of B packed at once (stays in L2). */
    static final int NC = Math.max(NB, 1024 / NB * NB);

    /** Per-thread packing buffers, so the single-thread path allocates nothing after warm-up. */
    private static final class Workspace {
        final float[] aPack = new float[MC * KC];
        final float[] bPack = new float[KC * NC];
        final float[] tile = new float[MR * NB];
        float[] row = new float[256];
        /** gemmRows with a 4-vector tile: A's rows side by side. */
        float[] rows = new float[0];
        /** gemmRows: the offsets of one row tile (A's first run, second run, init, store). */
        final int[] ao = new int[RR], ao2 = new int[RR], io = new int[RR], so = new int[RR];

        /** gemmRows with a 4-vector tile: the product before it goes out to its rows. */
        float[] packed = new float[0];

        float[] packed(int n) {
            if (packed.length < n) packed = new float[Math.max(n, 2 * packed.length)];
            return packed;
        }

        float[] rows(int n) {
            if (rows.length < n) rows = new float[Math.max(n, 2 * rows.length)];
            return rows;
        }

        float[] row(int n) {
            if (row.length < n) row = new float[Math.max(n, 2 * row.length)];
            return row;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            for (int i = 0; i < m; i++) scaleRow(n, beta, c, cOff + i * ldc);
            return;
        }
        Workspace ws = WORKSPACE.get();
        if (m < MR) {
            smallM(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
            return;
        }
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, ws.bPack, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ws.aPack);
                    for (int jr = 0; jr < nc; jr += NB) {
                        int cols = Math.min(NB, nc - jr);
                        int bBase = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (MR == 4 && NR == 4) kernel4x4(kc, ws.aPack, ir * kc, ws.bPack, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else if (MR == 6) kernel6x4(kc, ws.aPack, ir * kc, ws.bPack, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else if (MR == 8) kernel8(kc, ws.aPack, ir * kc, ws.bPack, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else kernel4(kc, ws.aPack, ir * kc, ws.bPack, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * All of op(B) [k×n] packed as {@link #gemm} packs it block by block: block (pc, jc) at
     * {@code pc·roundUp(n, NB) + jc·kc}, so {@link #gemmPackedB} runs the same micro-kernels on the same panels.
     */
    static float[] packAllB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int np = (n + NB - 1) / NB * NB;
        float[] dst = new float[Math.max(0, k) * np];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jc = 0; jc < n; jc += NC) {
                packB(transB, b, bOff, ldb, pc, kc, jc, Math.min(NC, n - jc), dst, pc * np + jc * kc);
            }
        }
        return dst;
    }

    /** {@link #gemm} with B from {@link #packAllB}: the same loops and kernels, without packing B. */
    static void gemmPackedB(boolean transA, int m, float[] a, int aOff, int lda, PackedB pb,
                            float beta, float[] c, int cOff, int ldc) {
        int n = pb.n(), k = pb.k();
        // With B packed, fewer than MR rows also run the micro-kernel (on a zero-padded tile): a few rows of
        // a chunk or a ragged step then get the same bits as in a full tile, and B is read once, packed.
        if (k <= 0 || pb.packed() == null) {
            gemm(transA, pb.transB(), m, n, k, a, aOff, lda, pb.b(), pb.bOff(), pb.ldb(), beta, c, cOff, ldc);
            return;
        }
        if (m <= 0 || n <= 0) return;
        Workspace ws = WORKSPACE.get();
        float[] bp = pb.packed();
        int np = (n + NB - 1) / NB * NB;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                int blockOff = pc * np + jc * kc;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ws.aPack);
                    for (int jr = 0; jr < nc; jr += NB) {
                        int cols = Math.min(NB, nc - jr);
                        int bBase = blockOff + jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (MR == 4 && NR == 4) kernel4x4(kc, ws.aPack, ir * kc, bp, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else if (MR == 6) kernel6x4(kc, ws.aPack, ir * kc, bp, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else if (MR == 8) kernel8(kc, ws.aPack, ir * kc, bp, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                            else kernel4(kc, ws.aPack, ir * kc, bp, bBase, c, ci, ldc, rows, cols, blockBeta, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows of {@link #gemmRows}' register tile: 8 where the GEMM tile has 8 rows (32 vector registers), 4 otherwise;
     * always 2 vectors of columns, so a tile covers one packed B panel.
     */
    static final int RR = MR == 8 ? 8 : 4;

    /**
     * {@link dev.recur.tensor.Kernels#gemmRows} on B from {@link #packAllB}. A is neither packed nor copied: the
     * micro-kernel broadcasts from RR rows where they lie (RR streams of unit stride), first along their runs in
     * a1 for p &lt; k1, then along their runs in a2, so rows anywhere (h_{t−1} inside the output sequence, x_t
     * inside the input) cost no copy and no transpose (the copy into one buffer, which this replaced, was 7 % of
     * an LSTM-128 forward). Per k block, per B panel, the row tiles run over the panel while it is in L1; the accumulators start
     * from the bias (first block) or from C (later blocks, continuing the same chain of fmas: the k blocking does
     * not change the bits), and full tiles store straight to C.
     */
    static void gemmRows(int m, float[] a1, int[] a1Off, int k1, float[] a2, int[] a2Off, PackedB pb,
                         float[] bias, int biasOff, float[] c, int[] cOff) {
        int n = pb.n(), k = pb.k();
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) c[cOff[i] + j] = bias == null ? 0f : bias[biasOff + j];
            }
            return;
        }
        Workspace ws = WORKSPACE.get();
        if (NR != 2) {
            // The 6×4 and 4×4 tiles (benchmarking overrides) have 4-vector panels: A's rows are copied side by
            // side, the plain packed-B product runs into a buffer, then goes out to its rows with the bias.
            int lda = rowStride(k), k2 = k - k1;
            float[] a = ws.rows(m * lda);
            for (int i = 0; i < m; i++) {
                if (k1 > 0) System.arraycopy(a1, a1Off[i], a, i * lda, k1);
                if (k2 > 0) System.arraycopy(a2, a2Off[i], a, i * lda + k1, k2);
            }
            float[] buf = ws.packed(m * n);
            gemmPackedB(false, m, a, 0, lda, pb, 0f, buf, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) c[cOff[i] + j] = buf[i * n + j] + (bias == null ? 0f : bias[biasOff + j]);
            }
            return;
        }
        float[] bp = pb.packed();
        int np = (n + NB - 1) / NB * NB;
        int[] ao = ws.ao, ao2 = ws.ao2, io = ws.io, so = ws.so;
        float[] tile = ws.tile;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean first = pc == 0;
            // The block's first k1c steps read a1, the rest a2 (from p = pc + k1c, at p − k1 within a row's run).
            int k1c = Math.max(0, Math.min(kc, k1 - pc)), p2 = pc + k1c - k1;
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                int nPanels = (nc + NB - 1) / NB, nTiles = (m + RR - 1) / RR;
                for (int it = 0; it < nPanels * nTiles; it++) {
                    int jr = it / nTiles * NB, i0 = it % nTiles * RR;
                    int cols = Math.min(NB, nc - jr), col = jc + jr;
                    int bBase = pc * np + jc * kc + jr * kc;
                    boolean full = cols == NB;
                    {
                        int rows = Math.min(RR, m - i0);
                        for (int r = 0; r < RR; r++) {
                            // Rows past m repeat the tile's first row; they are computed, never stored.
                            int i = i0 + (r < rows ? r : 0);
                            ao[r] = k1c > 0 ? a1Off[i] + pc : 0;
                            ao2[r] = k1c < kc ? a2Off[i] + p2 : 0;
                            so[r] = full ? cOff[i] + col : r * NB;
                            io[r] = !full ? r * NB : first ? biasOff + col : cOff[i] + col;
                        }
                        float[] init = first ? bias : c;
                        if (!full) {
                            // An edge panel goes through the tile buffer, zero past the valid columns.
                            java.util.Arrays.fill(tile, 0f);
                            for (int r = 0; r < rows; r++) {
                                int ci = cOff[i0 + r] + col;
                                for (int j = 0; j < cols; j++) {
                                    tile[r * NB + j] = first ? (bias == null ? 0f : bias[biasOff + col + j]) : c[ci + j];
                                }
                            }
                            init = tile;
                        }
                        boolean zero = init == null;
                        float[] out = full ? c : tile;
                        if (RR == 8) rowsKernel8(a1, ao, k1c, a2, ao2, kc, bp, bBase, init, io, zero, out, so, rows);
                        else rowsKernel4(a1, ao, k1c, a2, ao2, kc, bp, bBase, init, io, zero, out, so, rows);
                        if (!full) {
                            for (int r = 0; r < rows; r++) {
                                System.arraycopy(tile, r * NB, c, cOff[i0 + r] + col, cols);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Floats between A's rows in {@link #gemmRows}' copy: k rounded up to a cache line, plus one line. */
    private static int rowStride(int k) {
        return (k + 15) / 16 * 16 + 16;
    }

    /**
     * The 8×2 register tile of {@link #gemmRows}: accumulators from {@code init} rows at {@code io} (or zero), then
     * kc steps of k, B's panel from {@code bBase}: the first k1 with row r of A in a1 from {@code ao1[r]}, the rest
     * in a2 from {@code ao2[r]} (one chain of fmas per accumulator, in p order either way); rows below
     * {@code rows} stored to {@code out} at {@code so}.
     */
    private static void rowsKernel8(float[] a1, int[] ao1, int k1, float[] a2, int[] ao2, int kc, float[] bp, int bBase,
                                    float[] init, int[] io, boolean zero, float[] out, int[] so, int rows) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (zero) {
            FloatVector z = FloatVector.zero(F);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
            c40 = z; c41 = z; c50 = z; c51 = z; c60 = z; c61 = z; c70 = z; c71 = z;
        } else {
            c00 = FloatVector.fromArray(F, init, io[0]); c01 = FloatVector.fromArray(F, init, io[0] + L);
            c10 = FloatVector.fromArray(F, init, io[1]); c11 = FloatVector.fromArray(F, init, io[1] + L);
            c20 = FloatVector.fromArray(F, init, io[2]); c21 = FloatVector.fromArray(F, init, io[2] + L);
            c30 = FloatVector.fromArray(F, init, io[3]); c31 = FloatVector.fromArray(F, init, io[3] + L);
            c40 = FloatVector.fromArray(F, init, io[4]); c41 = FloatVector.fromArray(F, init, io[4] + L);
            c50 = FloatVector.fromArray(F, init, io[5]); c51 = FloatVector.fromArray(F, init, io[5] + L);
            c60 = FloatVector.fromArray(F, init, io[6]); c61 = FloatVector.fromArray(F, init, io[6] + L);
            c70 = FloatVector.fromArray(F, init, io[7]); c71 = FloatVector.fromArray(F, init, io[7] + L);
        }
        for (int seg = 0; seg < 2; seg++) {
            float[] a = seg == 0 ? a1 : a2;
            int[] ao = seg == 0 ? ao1 : ao2;
            int steps = seg == 0 ? k1 : kc - k1, bStart = seg == 0 ? bBase : bBase + k1 * NB;
            int r0 = ao[0], r1 = ao[1], r2 = ao[2], r3 = ao[3], r4 = ao[4], r5 = ao[5], r6 = ao[6], r7 = ao[7];
            for (int p = 0; p < steps; p++) {
                int bo = bStart + p * NB;
                FloatVector b0 = FloatVector.fromArray(F, bp, bo);
                FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
                FloatVector av = FloatVector.broadcast(F, a[r0 + p]);
                c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(F, a[r1 + p]);
                c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(F, a[r2 + p]);
                c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(F, a[r3 + p]);
                c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(F, a[r4 + p]);
                c40 = av.fma(b0, c40); c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(F, a[r5 + p]);
                c50 = av.fma(b0, c50); c51 = av.fma(b1, c51);
                av = FloatVector.broadcast(F, a[r6 + p]);
                c60 = av.fma(b0, c60); c61 = av.fma(b1, c61);
                av = FloatVector.broadcast(F, a[r7 + p]);
                c70 = av.fma(b0, c70); c71 = av.fma(b1, c71);
            }
        }
        c00.intoArray(out, so[0]); c01.intoArray(out, so[0] + L);
        if (rows > 1) { c10.intoArray(out, so[1]); c11.intoArray(out, so[1] + L); }
        if (rows > 2) { c20.intoArray(out, so[2]); c21.intoArray(out, so[2] + L); }
        if (rows > 3) { c30.intoArray(out, so[3]); c31.intoArray(out, so[3] + L); }
        if (rows > 4) { c40.intoArray(out, so[4]); c41.intoArray(out, so[4] + L); }
        if (rows > 5) { c50.intoArray(out, so[5]); c51.intoArray(out, so[5] + L); }
        if (rows > 6) { c60.intoArray(out, so[6]); c61.intoArray(out, so[6] + L); }
        if (rows > 7) { c70.intoArray(out, so[7]); c71.intoArray(out, so[7] + L); }
    }

    /** {@link #rowsKernel8} with 4 rows, for 16 vector registers. */
    private static void rowsKernel4(float[] a1, int[] ao1, int k1, float[] a2, int[] ao2, int kc, float[] bp, int bBase,
                                    float[] init, int[] io, boolean zero, float[] out, int[] so, int rows) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (zero) {
            FloatVector z = FloatVector.zero(F);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
        } else {
            c00 = FloatVector.fromArray(F, init, io[0]); c01 = FloatVector.fromArray(F, init, io[0] + L);
            c10 = FloatVector.fromArray(F, init, io[1]); c11 = FloatVector.fromArray(F, init, io[1] + L);
            c20 = FloatVector.fromArray(F, init, io[2]); c21 = FloatVector.fromArray(F, init, io[2] + L);
            c30 = FloatVector.fromArray(F, init, io[3]); c31 = FloatVector.fromArray(F, init, io[3] + L);
        }
        for (int seg = 0; seg < 2; seg++) {
            float[] a = seg == 0 ? a1 : a2;
            int[] ao = seg == 0 ? ao1 : ao2;
            int steps = seg == 0 ? k1 : kc - k1, bStart = seg == 0 ? bBase : bBase + k1 * NB;
            int r0 = ao[0], r1 = ao[1], r2 = ao[2], r3 = ao[3];
            for (int p = 0; p < steps; p++) {
                int bo = bStart + p * NB;
                FloatVector b0 = FloatVector.fromArray(F, bp, bo);
                FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
                FloatVector av = FloatVector.broadcast(F, a[r0 + p]);
                c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(F, a[r1 + p]);
                c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(F, a[r2 + p]);
                c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(F, a[r3 + p]);
                c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
            }
        }
        c00.intoArray(out, so[0]); c01.intoArray(out, so[0] + L);
        if (rows > 1) { c10.intoArray(out, so[1]); c11.intoArray(out, so[1] + L); }
        if (rows > 2) { c20.intoArray(out, so[2]); c21.intoArray(out, so[2] + L); }
        if (rows > 3) { c30.intoArray(out, so[3]); c31.intoArray(out, so[3] + L); }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] as panels of NB columns, p-major inside a panel, zero padded. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              float[] dst, int dstOff) {
        for (int jr = 0; jr < nc; jr += NB) {
            int cols = Math.min(NB, nc - jr);
            int base = dstOff + jr * kc;
            int j0 = jc + jr;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NB;
                    System.arraycopy(b, bOff + (pc + p) * ldb + j0, dst, d, cols);
                    for (int jj = cols; jj < NB; jj++) dst[d + jj] = 0f;
                }
            } else {
                // Measured: column by column is faster while the panel fits in L1 (NB ≤ 32); for wider
                // panels row by row, whose writes are sequential, avoids rewriting evicted lines.
                if (NB <= 32) {
                    for (int jj = 0; jj < cols; jj++) {
                        int src = bOff + (j0 + jj) * ldb + pc;
                        for (int p = 0; p < kc; p++) dst[base + p * NB + jj] = b[src + p];
                    }
                    for (int jj = cols; jj < NB; jj++) {
                        for (int p = 0; p < kc; p++) dst[base + p * NB + jj] = 0f;
                    }
                } else {
                    int src = bOff + j0 * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        int d = base + p * NB;
                        for (int jj = 0; jj < cols; jj++) dst[d + jj] = b[src + jj * ldb + p];
                        for (int jj = cols; jj < NB; jj++) dst[d + jj] = 0f;
                    }
                }
            }
        }
    }

    /** MR floats as one vector (MR = 8 or 4), for packing A a panel column at a time; null for other tiles. */
    private static final VectorSpecies<Float> PANEL = MR == 8 ? FloatVector.SPECIES_256
            : MR == 4 ? FloatVector.SPECIES_128 : null;

    /** Packs op(A)[ic..ic+mc, pc..pc+kc] as panels of MR rows, p-major inside a panel, zero padded. */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] dst) {
        int[] rowStarts = null;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            int i0 = ic + ir;
            if (PANEL != null && rows == MR) {
                // A full panel: each column of MR values is one vector, loaded (A transposed) or gathered.
                if (transA) {
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(PANEL, a, aOff + (pc + p) * lda + i0).intoArray(dst, base + p * MR);
                    }
                } else {
                    if (rowStarts == null) {
                        rowStarts = new int[MR];
                        for (int r = 0; r < MR; r++) rowStarts[r] = r * lda;
                    }
                    int src = aOff + i0 * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(PANEL, a, src + p, rowStarts, 0).intoArray(dst, base + p * MR);
                    }
                }
            } else if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + i0;
                    int d = base + p * MR;
                    for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
                    for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + r) * lda + pc;
                    for (int p = 0; p < kc; p++) dst[base + p * MR + r] = a[src + p];
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0; p < kc; p++) dst[base + p * MR + r] = 0f;
                }
            }
        }
    }

    private static void kernel4x4(int kc, float[] ap, int aBase, float[] bp, int bBase,
                                  float[] c, int ci, int ldc, int rows, int cols, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NB;
            int ao = aBase + p * 4;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, bp, bo + 3 * L);
            FloatVector av = FloatVector.broadcast(F, ap[ao]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01); c02 = av.fma(b2, c02); c03 = av.fma(b3, c03);
            av = FloatVector.broadcast(F, ap[ao + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11); c12 = av.fma(b2, c12); c13 = av.fma(b3, c13);
            av = FloatVector.broadcast(F, ap[ao + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21); c22 = av.fma(b2, c22); c23 = av.fma(b3, c23);
            av = FloatVector.broadcast(F, ap[ao + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31); c32 = av.fma(b2, c32); c33 = av.fma(b3, c33);
        }
        int t = 0;
        c00.intoArray(tile, t); c01.intoArray(tile, t + L); c02.intoArray(tile, t + 2 * L); c03.intoArray(tile, t + 3 * L);
        t += NB;
        c10.intoArray(tile, t); c11.intoArray(tile, t + L); c12.intoArray(tile, t + 2 * L); c13.intoArray(tile, t + 3 * L);
        t += NB;
        c20.intoArray(tile, t); c21.intoArray(tile, t + L); c22.intoArray(tile, t + 2 * L); c23.intoArray(tile, t + 3 * L);
        t += NB;
        c30.intoArray(tile, t); c31.intoArray(tile, t + L); c32.intoArray(tile, t + 2 * L); c33.intoArray(tile, t + 3 * L);
        writeBack(tile, c, ci, ldc, rows, cols, beta);
    }

    private static void kernel6x4(int kc, float[] ap, int aBase, float[] bp, int bBase,
                                  float[] c, int ci, int ldc, int rows, int cols, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NB;
            int ao = aBase + p * 6;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, bp, bo + 3 * L);
            FloatVector av = FloatVector.broadcast(F, ap[ao]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01); c02 = av.fma(b2, c02); c03 = av.fma(b3, c03);
            av = FloatVector.broadcast(F, ap[ao + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11); c12 = av.fma(b2, c12); c13 = av.fma(b3, c13);
            av = FloatVector.broadcast(F, ap[ao + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21); c22 = av.fma(b2, c22); c23 = av.fma(b3, c23);
            av = FloatVector.broadcast(F, ap[ao + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31); c32 = av.fma(b2, c32); c33 = av.fma(b3, c33);
            av = FloatVector.broadcast(F, ap[ao + 4]);
            c40 = av.fma(b0, c40); c41 = av.fma(b1, c41); c42 = av.fma(b2, c42); c43 = av.fma(b3, c43);
            av = FloatVector.broadcast(F, ap[ao + 5]);
            c50 = av.fma(b0, c50); c51 = av.fma(b1, c51); c52 = av.fma(b2, c52); c53 = av.fma(b3, c53);
        }
        int t = 0;
        c00.intoArray(tile, t); c01.intoArray(tile, t + L); c02.intoArray(tile, t + 2 * L); c03.intoArray(tile, t + 3 * L);
        t += NB;
        c10.intoArray(tile, t); c11.intoArray(tile, t + L); c12.intoArray(tile, t + 2 * L); c13.intoArray(tile, t + 3 * L);
        t += NB;
        c20.intoArray(tile, t); c21.intoArray(tile, t + L); c22.intoArray(tile, t + 2 * L); c23.intoArray(tile, t + 3 * L);
        t += NB;
        c30.intoArray(tile, t); c31.intoArray(tile, t + L); c32.intoArray(tile, t + 2 * L); c33.intoArray(tile, t + 3 * L);
        t += NB;
        c40.intoArray(tile, t); c41.intoArray(tile, t + L); c42.intoArray(tile, t + 2 * L); c43.intoArray(tile, t + 3 * L);
        t += NB;
        c50.intoArray(tile, t); c51.intoArray(tile, t + L); c52.intoArray(tile, t + 2 * L); c53.intoArray(tile, t + 3 * L);
        writeBack(tile, c, ci, ldc, rows, cols, beta);
    }

    private static void kernel8(int kc, float[] ap, int aBase, float[] bp, int bBase,
                                float[] c, int ci, int ldc, int rows, int cols, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NB;
            int ao = aBase + p * 8;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector av = FloatVector.broadcast(F, ap[ao]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[ao + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[ao + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[ao + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(F, ap[ao + 4]);
            c40 = av.fma(b0, c40); c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(F, ap[ao + 5]);
            c50 = av.fma(b0, c50); c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(F, ap[ao + 6]);
            c60 = av.fma(b0, c60); c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(F, ap[ao + 7]);
            c70 = av.fma(b0, c70); c71 = av.fma(b1, c71);
        }
        if (beta == 0f && rows == 8 && cols == NB) {
            // The common overwrite of a full tile goes straight to C (stores only, nothing to combine).
            c00.intoArray(c, ci); c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
            c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
            c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
            return;
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NB); c11.intoArray(tile, NB + L);
        c20.intoArray(tile, 2 * NB); c21.intoArray(tile, 2 * NB + L);
        c30.intoArray(tile, 3 * NB); c31.intoArray(tile, 3 * NB + L);
        c40.intoArray(tile, 4 * NB); c41.intoArray(tile, 4 * NB + L);
        c50.intoArray(tile, 5 * NB); c51.intoArray(tile, 5 * NB + L);
        c60.intoArray(tile, 6 * NB); c61.intoArray(tile, 6 * NB + L);
        c70.intoArray(tile, 7 * NB); c71.intoArray(tile, 7 * NB + L);
        writeBack(tile, c, ci, ldc, rows, cols, beta);
    }

    private static void kernel4(int kc, float[] ap, int aBase, float[] bp, int bBase,
                                float[] c, int ci, int ldc, int rows, int cols, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NB;
            int ao = aBase + p * 4;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector av = FloatVector.broadcast(F, ap[ao]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[ao + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[ao + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[ao + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NB); c11.intoArray(tile, NB + L);
        c20.intoArray(tile, 2 * NB); c21.intoArray(tile, 2 * NB + L);
        c30.intoArray(tile, 3 * NB); c31.intoArray(tile, 3 * NB + L);
        writeBack(tile, c, ci, ldc, rows, cols, beta);
    }

    /**
     * C = tile + beta·C over the valid part of a register tile. The accumulators go through the small
     * tile buffer so that no vector crosses a call boundary (a vector argument to a method C2 does not
     * inline is boxed, which costs more than the whole tile). beta 0 never reads C.
     */
    private static void writeBack(float[] tile, float[] c, int ci, int ldc, int rows, int cols, float beta) {
        if (cols == NB) {
            FloatVector vb = FloatVector.broadcast(F, beta);
            for (int r = 0; r < rows; r++) {
                int o = ci + r * ldc, t = r * NB;
                for (int v = 0; v < NB; v += L) {
                    FloatVector acc = FloatVector.fromArray(F, tile, t + v);
                    if (beta == 0f) acc.intoArray(c, o + v);
                    else if (beta == 1f) acc.add(FloatVector.fromArray(F, c, o + v)).intoArray(c, o + v);
                    else FloatVector.fromArray(F, c, o + v).fma(vb, acc).intoArray(c, o + v);
                }
            }
        } else {
            storePartial(tile, c, ci, ldc, rows, cols, beta);
        }
    }

    /** The scalar twin of {@link #writeBack} for edge tiles: the same operations, so the same bits. */
    private static void storePartial(float[] tile, float[] c, int ci, int ldc, int rows, int cols, float beta) {
        for (int r = 0; r < rows; r++) {
            int o = ci + r * ldc;
            int t = r * NB;
            for (int j = 0; j < cols; j++) {
                float acc = tile[t + j];
                c[o + j] = beta == 0f ? acc : beta == 1f ? acc + c[o + j] : Math.fma(c[o + j], beta, acc);
            }
        }
    }

    /** Small enough to be inlined always (so s is never boxed). */
    private static void storeRow(FloatVector s, float[] c, int o, float beta) {
        if (beta == 0f) s.intoArray(c, o);
        else s.add(FloatVector.fromArray(F, c, o).mul(beta)).intoArray(c, o);
    }

    private static void scaleRow(int n, float beta, float[] c, int o) {
        for (int j = 0; j < n; j++) c[o + j] = beta == 0f ? 0f : beta * c[o + j];
    }

    /**
     * Fewer rows than a register tile (batch-1 generation): packing would cost more than it saves.
     * op(B) stored k×n streams its rows through a row of vector accumulators; op(B) stored n×k is a
     * matrix-vector product per row of op(A).
     */
    private static void smallM(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc, Workspace ws) {
        float[] row = ws.row(k);
        for (int i = 0; i < m; i++) {
            if (transA) {
                for (int p = 0; p < k; p++) row[p] = a[aOff + p * lda + i];
            } else {
                System.arraycopy(a, aOff + i * lda, row, 0, k);
            }
            int ci = cOff + i * ldc;
            if (transB) VectorGemv.gemv(n, k, b, bOff, ldb, row, 0, beta, c, ci);
            else vectorTimesMatrix(n, k, row, b, bOff, ldb, beta, c, ci);
        }
    }

    /** c[n] = x[k]·B[k×n] + beta·c, with B row-major. */
    static void vectorTimesMatrix(int n, int k, float[] x, float[] b, int bOff, int ldb, float beta, float[] c, int ci) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < k; p++) {
                FloatVector xv = FloatVector.broadcast(F, x[p]);
                int o = bOff + p * ldb + j;
                s0 = xv.fma(FloatVector.fromArray(F, b, o), s0);
                s1 = xv.fma(FloatVector.fromArray(F, b, o + L), s1);
                s2 = xv.fma(FloatVector.fromArray(F, b, o + 2 * L), s2);
                s3 = xv.fma(FloatVector.fromArray(F, b, o + 3 * L), s3);
            }
            storeRow(s0, c, ci + j, beta);
            storeRow(s1, c, ci + j + L, beta);
            storeRow(s2, c, ci + j + 2 * L, beta);
            storeRow(s3, c, ci + j + 3 * L, beta);
        }
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.zero(F);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(F, x[p]).fma(FloatVector.fromArray(F, b, bOff + p * ldb + j), s0);
            }
            storeRow(s0, c, ci + j, beta);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) s = Math.fma(x[p], b[bOff + p * ldb + j], s);
            c[ci + j] = beta == 0f ? s : beta == 1f ? s + c[ci + j] : Math.fma(c[ci + j], beta, s);
        }
    }
}
