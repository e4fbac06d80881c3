package dev.recur.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InfoCommandTest {
    @Test
    void longNumberListsInModelSettingsShowAsTheirSize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", 1);
        m.put("mean", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        m.put("weights", List.of(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), List.of(1, 2), List.of(1), List.of(1), List.of(1), List.of(1), List.of(1), List.of(1), List.of(1)));
        m.put("labels", List.of("a", "b"));
        assertEquals("{seed=1, mean=[9 values], weights=[9×10 values], labels=[a, b]}", InfoCommand.compact(m));
    }
}
