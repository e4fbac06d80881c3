package dev.recur.samples;

import dev.recur.series.SeriesCsv;
import dev.recur.series.SeriesTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticSeriesTest {

    /** The committed sample is exactly what the generator makes (regenerate with SyntheticSeries.main). */
    @Test void bundledSampleIsReproducible() throws IOException {
        Path sample = Path.of("samples/series/hourly_load.csv");
        assertEquals(SyntheticSeries.hourlyLoadCsv(SyntheticSeries.SAMPLE_ROWS, SyntheticSeries.SAMPLE_SEED), Files.readString(sample));
        SeriesTable t = SeriesCsv.read(sample, new SeriesCsv.Options(null, "time", List.of("load"), null));
        assertEquals(SyntheticSeries.SAMPLE_ROWS, t.rows());
        assertEquals("2026-01-01T00:00", t.times().getFirst());
    }

    @Test void laggedDriverHasTheStatedStructure() {
        double[][] xy = SyntheticSeries.laggedDriver(2000, 3, 2.0, 0.0, 1);
        for (int t = 3; t < 2000; t++) assertEquals(2.0 * xy[0][t - 3], xy[1][t], 1e-12);
        assertArrayEquals(xy[0], SyntheticSeries.laggedDriver(2000, 3, 2.0, 0.0, 1)[0]);
        double[] s = SyntheticSeries.noisySine(48, 24, 1, 2, 0, 9);
        assertEquals(1 + 2, s[6], 1e-12);
        assertEquals(1, s[24], 1e-12);
    }
}
