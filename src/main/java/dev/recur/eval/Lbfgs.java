package dev.recur.eval;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, algorithm 7.4) with a backtracking Armijo line search, for
 * smooth convex objectives of a few thousand variables (the logistic-regression baseline).
 */
final class Lbfgs {
    private Lbfgs() {}

    interface Function {
        /** Returns f(w) and writes ∇f(w) into grad. */
        double valueAndGradient(double[] w, double[] grad);
    }

    private static final int MEMORY = 10;

    /** Minimises f from w0 (modified in place and returned) until ‖∇f‖∞ &lt; tol or maxIter iterations. */
    static double[] minimize(Function f, double[] w0, int maxIter, double tol) {
        int n = w0.length;
        double[] w = w0, g = new double[n], wNew = new double[n], gNew = new double[n], dir = new double[n];
        double[][] s = new double[MEMORY][n], y = new double[MEMORY][n];
        double[] rho = new double[MEMORY], alpha = new double[MEMORY];
        int stored = 0, head = 0;
        double fx = f.valueAndGradient(w, g);
        for (int iter = 0; iter < maxIter && maxAbs(g) >= tol; iter++) {
            // two-loop recursion: dir = -H·g
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int k = 0; k < stored; k++) {
                int m = Math.floorMod(head - 1 - k, MEMORY);
                alpha[m] = rho[m] * dot(s[m], dir);
                axpy(-alpha[m], y[m], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
                for (int i = 0; i < n; i++) dir[i] *= gamma;
            } else {
                double scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
                for (int i = 0; i < n; i++) dir[i] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int m = Math.floorMod(head - 1 - k, MEMORY);
                double beta = rho[m] * dot(y[m], dir);
                axpy(alpha[m] - beta, s[m], dir);
            }
            double slope = dot(g, dir);
            if (slope >= 0) {   // not a descent direction (numerical trouble): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                slope = dot(g, dir);
            }
            double step = 1, fNew;
            while (true) {
                for (int i = 0; i < n; i++) wNew[i] = w[i] + step * dir[i];
                fNew = f.valueAndGradient(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || step < 1e-12) break;
                step *= 0.5;
            }
            if (!(fNew < fx) && step < 1e-12) break;   // no progress possible at float precision
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[head][i] = wNew[i] - w[i];
                y[head][i] = gNew[i] - g[i];
                sy += s[head][i] * y[head][i];
            }
            if (sy > 1e-12) {
                rho[head] = 1 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            boolean flat = Math.abs(fx - fNew) <= 1e-12 * Math.max(1, Math.abs(fx));
            System.arraycopy(wNew, 0, w, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (flat) break;
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
