package dev.recur.tensor;

/**
 * Chooses the kernel path once per JVM. The Vector API's own fallback (without C2 intrinsics or without
 * the module) is far slower than plain loops, so when {@code jdk.incubator.vector} is absent we pick the
 * scalar path ourselves and never touch the SIMD classes. {@code -Drecur.kernels=scalar} forces scalar.
 */
final class KernelSelector {
    private KernelSelector() {}

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final Kernels ACTIVE = choose();

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static Kernels choose() {
        String forced = System.getProperty("recur.kernels", "auto");
        if (forced.equals("scalar") || !vectorModulePresent()) return ScalarKernels.INSTANCE;
        try {
            Class<?> c = Class.forName("dev.recur.tensor.simd.VectorKernels");
            return (Kernels) c.getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }

    /** Why the active path was chosen, for {@code recur info}. */
    static String reason() {
        if (System.getProperty("recur.kernels", "auto").equals("scalar")) return "forced by -Drecur.kernels=scalar";
        if (!vectorModulePresent()) return VECTOR_MODULE + " not in the boot layer (run with --add-modules " + VECTOR_MODULE + ")";
        if (!ACTIVE.name().equals("vector")) return "vector kernels failed to load";
        String why = VECTOR_MODULE + " present";
        String bits = System.getProperty("recur.vector.bits"), tile = System.getProperty("recur.gemm.tile");
        if (bits != null) why += "; width set by -Drecur.vector.bits=" + bits;
        if (tile != null) why += "; tile set by -Drecur.gemm.tile=" + tile;
        return why;
    }
}
