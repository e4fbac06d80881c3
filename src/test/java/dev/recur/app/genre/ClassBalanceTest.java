package dev.recur.app.genre;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --balance-classes}: every class gets as many crops as the largest, drawn from its own tracks. */
class ClassBalanceTest {
    /** A track of {@code frames} frames whose every value is {@code id}, so a crop tells where it came from. */
    private static float[][] track(int frames, float id) {
        float[][] t = new float[frames][2];
        for (float[] row : t) java.util.Arrays.fill(row, id);
        return t;
    }

    @Test void smallerClassesDrawMoreCropsFromTheirOwnTracks() {
        // class 0: three tracks of 2 segments; class 1: one track of 3 segments; class 2: one of 1; class 3: none
        List<float[][]> tracks = List.of(track(20, 0), track(20, 1), track(25, 2), track(30, 3), track(10, 4));
        int[] labels = {0, 0, 0, 1, 2};
        ClassifierConfig c = ClassifierConfig.defaults();   // 2 crops per segment
        Random random = new Random(3);
        List<ClassifierTrainer.Crop> crops = ClassifierTrainer.crops(c, tracks, 10, random, x -> x);
        assertEquals(12 + 6 + 2, crops.size());
        List<ClassifierTrainer.Crop> more = ClassifierTrainer.balancingCrops(crops, labels, 4, tracks, 10, random, x -> x);
        int[] count = new int[4];
        for (ClassifierTrainer.Crop k : more) {
            count[labels[k.track()]]++;
            assertEquals(10, k.x().length);
            for (float[] row : k.x()) assertEquals(k.track(), row[0], "cut from the track it names");
        }
        assertArrayEquals(new int[] {0, 6, 10, 0}, count, "class 1 and 2 up to the 12 crops of class 0; class 3 has no tracks");

        List<ClassifierTrainer.Crop> all = new ArrayList<>(crops);
        all.addAll(more);
        assertTrue(ClassifierTrainer.balancingCrops(all, labels, 3, tracks, 10, random, x -> x).isEmpty(), "balanced already");
        List<ClassifierTrainer.Crop> same = ClassifierTrainer.balancingCrops(crops, labels, 4, tracks, 10, new Random(5), x -> track(10, 9));
        for (ClassifierTrainer.Crop k : same) assertEquals(9f, k.x()[0][0], "every crop passes through then (the masking)");
    }

    @Test void theDefaultDoesNotBalance() {
        assertEquals(false, ClassifierConfig.defaults().balanceClasses());
        assertTrue(ClassifierConfig.defaults().withSeed(4).toMap().containsKey("balanceClasses"));
    }
}
