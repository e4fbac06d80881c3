package dev.recur.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The option table covers every command, and accepts every default it is meant to guard. */
class OptionRulesTest {
    private static Map<String, CommandLine> commands() { return Main.commandLine().getSubcommands(); }

    @Test void everyNumberOrTextOptionOfEveryCommandHasARule() {
        List<String> missing = new ArrayList<>();
        commands().forEach((name, cl) -> OptionRules.unruled(cl.getCommandSpec()).forEach(o -> missing.add(name + " " + o)));
        assertEquals(List.of(), missing, "add these to OptionRules (or to its ANY_VALUE list)");
    }

    @Test void everyDefaultPassesItsRule() {
        List<String> refused = new ArrayList<>();
        commands().forEach((name, cl) -> {
            CommandSpec spec = cl.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                Object v = defaultOf(o);
                if (v == null || v instanceof Boolean || o.required()) continue;
                OptionRules.Rule rule = OptionRules.find(name, o.longestName());
                if (rule == null) continue;
                try {
                    rule.accept(v);
                } catch (IllegalArgumentException e) {
                    refused.add(name + " " + o.longestName() + "=" + v + ": " + e.getMessage());
                }
            }
        });
        assertEquals(List.of(), refused);
    }

    /** What the option holds when not typed: its defaultValue converted, else the field's initial value. */
    private static Object defaultOf(OptionSpec o) {
        String d = o.defaultValue();
        if (d == null) return o.initialValue();
        Class<?> t = o.type();
        if (t == int.class || t == Integer.class) return Integer.valueOf(d);
        if (t == long.class || t == Long.class) return Long.valueOf(d);
        if (t == double.class || t == Double.class) return Double.valueOf(d);
        if (t == float.class || t == Float.class) return Float.valueOf(d);
        return t == String.class ? d : null;
    }

    @Test void boundsSayWhatIsAllowed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OptionRules.find("generate", "--top-p").accept(0.0));
        assertEquals("must be in (0, 1]", e.getMessage());
        assertTrue(OptionRules.find("generate", "--bpm") instanceof OptionRules.Bounds b && b.text().startsWith("in [3.576, "));
    }

    @Test void suggestionsAndDistance() {
        assertEquals(1, OneLineErrors.distance("trian", "train"));
        assertEquals("; did you mean 'train-classifier'?", OneLineErrors.suggestion("trian-classifier", commands().keySet()));
        assertEquals("", OneLineErrors.suggestion("zzzzzz", commands().keySet()));
    }
}
