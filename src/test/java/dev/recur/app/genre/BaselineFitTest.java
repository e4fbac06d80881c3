package dev.recur.app.genre;

import dev.recur.data.Segments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BaselineFitTest {
    /** Tracks of 3 segments, class = track % 2, the class shifting one coefficient's mean by {@code shift}. */
    static Segments data(int tracks, double shift, long seed) {
        Random r = new Random(seed);
        List<float[][]> xs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] y = new int[tracks * 3];
        for (int t = 0; t < tracks; t++) {
            for (int s = 0; s < 3; s++) {
                float[][] seg = new float[20][2];
                for (float[] f : seg) {
                    f[0] = (float) (r.nextGaussian() + shift * (t % 2));
                    f[1] = (float) r.nextGaussian();
                }
                xs.add(seg);
                ids.add(String.format("t%02d", t));
                y[t * 3 + s] = t % 2;
            }
        }
        return new Segments(xs, y, ids);
    }

    @Test void withoutValidationTheL2IsChosenByCrossValidation() {
        List<String> labels = List.of("a", "b");
        Segments train = data(20, 0.3, 1);
        BaselineFit.Result r = BaselineFit.fit(train, null, labels, 2);
        assertEquals("5-fold cross-validation", r.chosenBy());
        assertTrue(Arrays.stream(BaselineFit.L2_GRID).anyMatch(l -> l == r.l2()), "one of the grid");
        assertTrue(Double.isFinite(r.validationLogLoss()));
        assertEquals(r.l2(), BaselineFit.fit(train, null, labels, 2).l2(), "deterministic");
        BaselineFit.Result few = BaselineFit.fit(data(4, 0.3, 2), null, labels, 2);
        assertEquals("default", few.chosenBy());
        assertEquals(BaselineFit.DEFAULT_L2, few.l2());
        assertEquals("validation", BaselineFit.fit(train, data(6, 0.3, 3), labels, 2).chosenBy());
    }
}
