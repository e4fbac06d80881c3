package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernel variant a test JVM was asked for is the one running: pom.xml's kernel-variant executions rerun
 * the kernel and nn parity tests with {@code -Drecur.kernels=scalar}, {@code -Drecur.vector.bits} and
 * {@code -Drecur.gemm.tile}, and a switch that silently fell back to the default would test nothing new.
 */
class KernelVariantTest {

    @Test
    void theRequestedVariantIsActive() {
        Kernels k = Kernels.active();
        if ("scalar".equals(System.getProperty("recur.kernels"))) {
            assertEquals("scalar", k.name());
            assertEquals(1, k.floatLanes());
            return;
        }
        assertEquals("vector", k.name(), "tests run with --add-modules jdk.incubator.vector");
        String bits = System.getProperty("recur.vector.bits");
        if (bits != null) assertEquals(Integer.parseInt(bits) / 32, k.floatLanes(), "float lanes");
        String tile = System.getProperty("recur.gemm.tile");
        if (tile != null) assertEquals(tile, k.gemmTile(), "gemm tile");
        KernelInfo info = KernelInfo.current();
        assertEquals(k.floatLanes() * 32, info.vectorBits());
    }
}
