package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every member runs its part, barriers order the phases, failures reach the caller, and idle members wake up. */
class SpinTeamTest {

    @Test
    void barriersSeparatePhasesOverManyRuns() throws Exception {
        try (SpinTeam team = new SpinTeam(3)) {
            int[] a = new int[3], b = new int[3];
            for (int run = 1; run <= 2000; run++) {
                int v = run;
                team.run(m -> {
                    a[m] = v;
                    team.barrier();
                    // After the barrier every member sees every other member's write of this run.
                    b[m] = a[0] + a[1] + a[2];
                });
                assertArrayEquals(new int[] {3 * run, 3 * run, 3 * run}, b, "run " + run);
            }
            Thread.sleep(5);   // members park after the spin window; the next run must still wake them
            AtomicInteger count = new AtomicInteger();
            team.run(m -> count.incrementAndGet());
            assertEquals(3, count.get());
        }
    }

    @Test
    void aMembersFailureIsRethrownByRun() {
        try (SpinTeam team = new SpinTeam(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(m -> {
                if (m == 1) throw new IllegalStateException("member 1 failed");
            }));
            assertEquals("member 1 failed", e.getMessage());
            AtomicInteger count = new AtomicInteger();
            team.run(m -> count.incrementAndGet());
            assertEquals(2, count.get());
        }
    }
}
