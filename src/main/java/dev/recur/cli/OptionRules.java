package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.train.LearningRateSchedule;
import dev.recur.app.melody.Scale;
import dev.recur.midi.TempoChange;
import dev.recur.app.melody.GenerateOptions;
import dev.recur.series.MissingFill;
import dev.recur.app.series.RecursiveForecast;
import dev.recur.series.SeriesCsv;
import dev.recur.app.series.SeriesModel;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The values every option accepts, in one table, checked after parsing and before a command starts any work:
 * a value outside is a usage error (exit 2) with one line naming the option, e.g.
 * {@code recur generate: --temperature must be > 0, got 0 (see 'recur generate --help')}. A rule is found
 * under "command --option" first, then under "--option" (the same name means the same thing everywhere).
 * Every number option must have a rule or be listed in {@link #ANY_VALUE} (OptionRulesTest checks all
 * commands), and no number may be NaN or infinite. Checks that need the data (a --season longer than the
 * series) stay with the command.
 */
public final class OptionRules {
    private OptionRules() {}

    /** Options whose every parsed value is fine. */
    static final Set<String> ANY_VALUE = Set.of("--seed", "--time", "--primer", "--respond-to");

    /** Checks one value; throws IllegalArgumentException with the reason (without the option's name). */
    interface Rule extends Consumer<Object> {}

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // sizes and counts
        rules(atLeast(1), "--units", "--layers", "--embedding", "--epochs", "--batch", "--crops", "--window", "--horizon",
                "--bptt", "--season", "--steps");
        rule("--pyramid", atLeast(0));
        rule("forecast --steps", between(1, RecursiveForecast.MAX_STEPS));
        rule("generate --steps", between(1, GenerateOptions.MAX_STEPS));
        rule("generate --bars", between(1, GenerateOptions.MAX_STEPS));  // bars × steps per bar: GenerateCommand
        rule("--holdout", atLeast(0));
        rule("--checkpoint-every", atLeast(0));
        rule("--patience", atLeast(1));
        rule("train-classifier --patience", atLeast(0));     // 0 = never stop early
        rule("--threads", between(1, 4096));
        rule("--top", atLeast(1));
        rule("--count", between(1, 10_000));
        rule("--tracks", between(1, 100_000));
        rule("--order", between(1, 64));
        rule("--track", atLeast(-1));                       // -1: the busiest part
        rule("--min-notes", atLeast(0));
        rule("--max-rest-steps", atLeast(0));
        rule("--phrase-bars", between(1, 64));
        rule("--attention", between(0, 4096));              // 0: no attention layer
        rule("melody-stats --bars", between(0, 100_000));    // 0: whole melodies
        rule("--steps-per-bar", between(1, 96 * 16));
        // training
        rule("--lr", above(0));
        rule("--clip", above(0));
        rule("--weight-decay", atLeast(0));
        rule("--dropout", fraction(true, false));
        rule("--validation", fraction(true, false));
        rules(fraction(false, false), "--test", "--train", "--val", "--val-fraction");
        rule("--cell", oneOf("rnn", "lstm", "gru"));
        rule("train-series --cell", parsedBy(SeriesModel.Cell::parse));
        rule("--pooling", oneOf(ClassifierConfig.POOLINGS.toArray(String[]::new)));
        rule("--frames", oneOf("mfcc", "logmel"));
        rule("--lr-schedule", oneOf(java.util.Arrays.stream(LearningRateSchedule.values()).map(LearningRateSchedule::id).toArray(String[]::new)));
        rule("--conv-layers", atLeast(0));
        rule("--conv-channels", atLeast(1));
        rule("--conv-kernel", v -> {
            if (((Number) v).intValue() < 1 || ((Number) v).intValue() % 2 == 0) throw new IllegalArgumentException("must be odd and >= 1");
        });
        rule("--conv-stride", atLeast(1));
        rule("--mixup", atLeast(0));
        rule("--ensemble", between(1, 64));
        rule("--pretrain-epochs", atLeast(0));
        rule("--average-epochs", atLeast(0));
        rule("--seeds", between(1, 1000));
        rule("--folds", v -> {
            int k = ((Number) v).intValue();
            if (k != 0 && (k < 2 || k > 1000)) throw new IllegalArgumentException("must be 0 (off) or 2..1000");
        });
        rule("--group", OptionRules::groupPattern);
        // sampling and MIDI
        rule("--temperature", above(0));
        rule("--rhythm-temperature", above(0));
        rule("--cache-scale", atLeast(0));
        rule("--top-k", atLeast(0));
        rule("--top-p", new Bounds(0, 1, true, false));
        rule("--beam", between(0, 1024));
        rule("--bpm", between(TempoChange.MIN_BPM, TempoChange.MAX_BPM));   // any tempo a MIDI file can hold
        rule("--program", between(0, 127));
        rule("--velocity", between(1, 127));
        rules(between(0, 127), "--min-pitch", "--max-pitch");
        rule("--channel", between(0, 16));
        rule("--steps-per-quarter", between(1, 96));
        rule("--key", parsedBy(k -> Scale.of(k, "major")));
        rule("--scale", parsedBy(s -> Scale.of("C", s)));
        // audio
        rules(new Bounds(0, 3600, true, false), "--segment", "--segment-seconds", "--seconds");
        rule("--overlap", fraction(true, false));
        rule("--sample-rate", between(1000, 768_000));
        rule("--frame", between(16, 1 << 16));
        rule("--hop", between(1, 1 << 16));
        rule("--coefficients", between(1, 512));
        rule("--mel-bands", between(2, 512));
        rule("--low-hz", atLeast(0));
        rule("--high-hz", above(0));
        // CSV
        rule("--fill", parsedBy(MissingFill::parse));
        rule("--delimiter", parsedBy(SeriesCsv::parseDelimiter));
    }

    /** Rules between options of one command: the problem as a sentence naming the options, or null. */
    interface CrossRule { String problem(CommandSpec spec); }

    private static final Map<String, List<CrossRule>> CROSS = new LinkedHashMap<>();

    static {
        CrossRule split = s -> number(s, "--validation") + number(s, "--test") < 1 ? null
                : "--validation " + typed(s, "--validation") + " and --test " + typed(s, "--test") + " leave no tracks for training (their sum must be < 1)";
        cross("train-classifier", split);
        cross("baseline", split);
        cross("train-classifier", s -> number(s, "--pyramid") <= number(s, "--layers") - 1 ? null
                : "--pyramid " + typed(s, "--pyramid") + " needs more than " + typed(s, "--layers") + " --layers (at most --layers - 1)");
        cross("train-series", s -> number(s, "--train") + number(s, "--val") < 1 ? null
                : "--train " + typed(s, "--train") + " and --val " + typed(s, "--val") + " leave no test rows (their sum must be < 1)");
        cross("train-melody", s -> number(s, "--min-pitch") < number(s, "--max-pitch") ? null
                : "--min-pitch " + typed(s, "--min-pitch") + " must be below --max-pitch " + typed(s, "--max-pitch"));
        cross("generate", s -> number(s, "--beam") == 0 || number(s, "--count") == 1 ? null
                : "--beam finds one continuation; use --count 1 with it");
        cross("generate", s -> value(s, "--primer") == null || value(s, "--respond-to") == null ? null
                : "--primer and --respond-to exclude each other");
    }

    private static void rule(String key, Rule rule) { RULES.put(key, rule); }

    /** One rule for several options. */
    private static void rules(Rule rule, String... keys) { for (String key : keys) rule(key, rule); }

    private static void cross(String command, CrossRule rule) { CROSS.computeIfAbsent(command, k -> new java.util.ArrayList<>()).add(rule); }

    private static Object value(CommandSpec spec, String option) {
        OptionSpec o = spec.findOption(option);
        return o == null ? null : o.getValue();
    }

    private static double number(CommandSpec spec, String option) {
        return value(spec, option) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String typed(CommandSpec spec, String option) {
        OptionSpec o = spec.findOption(option);
        if (o == null) return "?";
        Object v = o.getValue();   // an Object: String.valueOf(T) would pick the char[] overload
        return o.originalStringValues().isEmpty() ? String.valueOf(v) : o.originalStringValues().getLast();
    }

    /** The rule for {@code option} of {@code command}, or null. */
    static Rule find(String command, String option) {
        Rule r = RULES.get(command + " " + option);
        return r != null ? r : RULES.get(option);
    }

    /**
     * Checks the options typed on the command line of every command in {@code parsed}'s chain (also those of
     * recur-spark's jobs, which share the option names).
     */
    public static void check(ParseResult parsed) {
        for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            CommandSpec spec = pr.commandSpec();
            for (OptionSpec o : spec.options()) {
                if (!pr.hasMatchedOption(o)) continue;
                Object value = o.getValue();
                if (value == null || value instanceof Boolean) continue;
                String name = o.longestName();
                String typed = o.originalStringValues().isEmpty() ? String.valueOf(value) : o.originalStringValues().getLast();
                try {
                    if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                        throw new IllegalArgumentException("must be a finite number");
                    }
                    Rule rule = find(spec.name(), name);
                    if (rule != null) rule.accept(value);
                } catch (IllegalArgumentException e) {
                    String why = e.getMessage() == null ? "is not allowed" : e.getMessage();
                    // app parsers name the option themselves ("--cell must be rnn, lstm or gru, got 'x'")
                    String line = why.startsWith(name) ? why : name + " " + why + ", got " + typed;
                    throw new CommandLine.ParameterException(pr.commandSpec().commandLine(), line, e, o, typed);
                }
            }
            for (CrossRule rule : CROSS.getOrDefault(spec.name(), List.of())) {
                String problem = rule.problem(spec);
                if (problem != null) throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
        }
    }

    /** Number options of {@code spec} without a rule (OptionRulesTest: must be none). */
    static List<String> unruled(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .filter(o -> Number.class.isAssignableFrom(boxed(o.type())) || o.type() == String.class)
                .map(OptionSpec::longestName)
                .filter(n -> !ANY_VALUE.contains(n) && find(spec.name(), n) == null)
                .toList();
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) return t;
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class
                : t == float.class ? Float.class : t == short.class ? Short.class : t == byte.class ? Byte.class : t;
    }

    // ---- rules ----

    record Bounds(double min, double max, boolean minOpen, boolean maxOpen) implements Rule {
        @Override public void accept(Object value) {
            double v = ((Number) value).doubleValue();
            boolean ok = (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
            if (!ok) throw new IllegalArgumentException("must be " + text());
        }

        String text() {
            boolean noMax = max == Double.POSITIVE_INFINITY;
            if (noMax) return (minOpen ? "> " : ">= ") + num(min);
            return "in " + (minOpen ? "(" : "[") + num(min) + ", " + num(max) + (maxOpen ? ")" : "]");
        }

        private static String num(double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
            return String.format(Locale.ROOT, "%.4g", d);
        }
    }

    static Rule atLeast(double min) { return new Bounds(min, Double.POSITIVE_INFINITY, false, false); }
    static Rule above(double min) { return new Bounds(min, Double.POSITIVE_INFINITY, true, false); }
    static Rule between(double min, double max) { return new Bounds(min, max, false, false); }
    static Rule fraction(boolean zeroAllowed, boolean oneAllowed) { return new Bounds(0, 1, !zeroAllowed, !oneAllowed); }

    static Rule oneOf(String... choices) {
        return v -> {
            if (!List.of(choices).contains(String.valueOf(v))) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
            }
        };
    }

    /** Whatever the parser the command uses refuses. */
    static Rule parsedBy(Consumer<String> parser) {
        return v -> parser.accept(String.valueOf(v));
    }

    private static void groupPattern(Object v) {
        Pattern p;
        try {
            p = Pattern.compile(String.valueOf(v));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a regular expression (" + e.getDescription() + ")");
        }
        if (p.matcher("").groupCount() < 1) throw new IllegalArgumentException("needs a capture group, like '^(.*)__'");
    }
}
