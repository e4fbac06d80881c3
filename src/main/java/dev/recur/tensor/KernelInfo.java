package dev.recur.tensor;

/** What {@code recur info} reports about the kernel path. */
public record KernelInfo(String path, int floatLanes, int vectorBits, String reason) {
    public static KernelInfo current() {
        Kernels k = Kernels.active();
        return new KernelInfo(k.name(), k.floatLanes(), k.floatLanes() * 32, KernelSelector.reason());
    }
}
