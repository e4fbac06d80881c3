package dev.recur.tensor;

/** What {@code recur info} reports about the kernel path and the threads the kernels may use. */
public record KernelInfo(String path, int floatLanes, int vectorBits, String gemmTile, String reason, int threads) {
    public static KernelInfo current() {
        Kernels k = Kernels.active();
        return new KernelInfo(k.name(), k.floatLanes(), k.floatLanes() * 32, k.gemmTile(), KernelSelector.reason(),
                Parallel.threads());
    }
}
