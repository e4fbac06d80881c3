package dev.recur.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one place that chooses the float vector species every SIMD kernel runs on: the host's preferred one
 * (16 lanes with AVX-512, 8 with AVX2), or the width {@code -Drecur.vector.bits=128|256|512} asks for. The
 * switch lets every width be tested on any host (a width the CPU lacks runs through the Vector API's slow
 * Java fallback, correct but not fast) and lets a benchmark compare 8 and 16 lanes on one machine.
 * {@code static final}, so C2 folds the choice into every kernel.
 */
final class Species {
    private Species() {}

    static final VectorSpecies<Float> F = choose(System.getProperty("recur.vector.bits", ""));
    /** Float lanes per vector. */
    static final int L = F.length();

    static VectorSpecies<Float> choose(String bits) {
        return switch (bits) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> FloatVector.SPECIES_PREFERRED;
        };
    }

    /** Whether the width was forced by {@code -Drecur.vector.bits} rather than the host's preferred one. */
    static boolean forced() {
        return F != FloatVector.SPECIES_PREFERRED;
    }
}
