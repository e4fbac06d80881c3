package dev.recur.series;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimeAxisTest {
    @Test void continuesWithTheLastStep() {
        assertEquals(List.of("2026-01-03T02:00", "2026-01-03T03:00"), TimeAxis.extend(List.of("2026-01-03T00:00", "2026-01-03T01:00"), 2));
        assertEquals(List.of("2024-03-01", "2024-04-01"), TimeAxis.extend(List.of("2024-01-01", "2024-02-01"), 2)); // monthly
        assertEquals(List.of("2024-01-03", "2024-01-04"), TimeAxis.extend(List.of("2024-01-01", "2024-01-02"), 2));
        assertEquals(List.of("2024-01-03T10:00Z"), TimeAxis.extend(List.of("2024-01-03T08:00Z", "2024-01-03T09:00Z"), 1));
        assertEquals(List.of("30", "40"), TimeAxis.extend(List.of("10", "20"), 2));
        assertEquals(List.of("1.50", "1.75"), TimeAxis.extend(List.of("1.00", "1.25"), 2));
        assertNull(TimeAxis.extend(List.of("Mon", "Tue"), 2));
        assertNull(TimeAxis.extend(List.of("5"), 2));
        assertNull(TimeAxis.extend(List.of("5", "5"), 2));
    }

    @Test void delimiterNames() {
        assertEquals(';', SeriesCsv.parseDelimiter("semicolon"));
        assertEquals('\t', SeriesCsv.parseDelimiter("tab"));
        assertEquals('|', SeriesCsv.parseDelimiter("|"));
        assertThrows(IllegalArgumentException.class, () -> SeriesCsv.parseDelimiter(";;"));
        assertThrows(IllegalArgumentException.class, () -> SeriesCsv.parseDelimiter("\""));
    }
}
