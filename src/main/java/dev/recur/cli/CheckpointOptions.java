package dev.recur.cli;

import dev.recur.io.Checkpointer;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.RunFingerprint;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The output folder and crash-safety options of every training command ({@code --out}, {@code --checkpoint-every},
 * {@code --resume}, {@code --skip-nonfinite}) and what they do: checkpoints go to {@code MODEL_DIR/checkpoints}
 * ({@link Checkpointer}), each carrying the run's {@link RunFingerprint} (the command's options and the data's
 * hash) under the model.json metadata key {@code "run"}.
 *
 * <p>With {@code --resume DIR} an option not typed again takes the value the checkpoint recorded (so
 * {@code --resume DIR} alone continues the run as it was started); a typed option that differs from the
 * recorded one is refused with one line ({@code cannot resume: seed was 3 and is now 1}), except the few that
 * may change ({@code --epochs}, {@code --checkpoint-every}, {@code --skip-nonfinite}, where the data lie).
 * A command calls {@link #resume()} first thing, then reads its options, then {@link #durability}.
 */
final class CheckpointOptions {
    static final String RUN = "run";

    /** Options a checkpoint does not record: where to write, how to show progress, caches, help. */
    private static final Set<String> NOT_RECORDED = Set.of("out", "resume", "quiet", "no-progress", "cache", "no-cache", "threads",
            "help", "version");
    /** Recorded and taken over on --resume, but free to change. */
    private static final Set<String> FREE = Set.of("epochs", "checkpoint-every", "skip-nonfinite");

    @Option(names = "--out", paramLabel = "MODEL_DIR", description = "Model folder to write (default with --resume: the resumed folder).")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint to MODEL_DIR/checkpoints every N epochs and at the end; 0: only at the end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery = 1;

    @Option(names = "--resume", paramLabel = "MODEL_DIR",
            description = "Continue the training in MODEL_DIR from its last checkpoint, with the options it was started with "
                    + "(an option typed again must be equal; --epochs may grow).")
    Path resume;

    @Option(names = "--skip-nonfinite", description = "Skip updates whose loss or gradient is NaN/Inf instead of stopping.")
    boolean skipNonFinite;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    private Checkpointer.Loaded loaded;
    private RunFingerprint saved;

    /**
     * Without --resume: checks that --out is given. With it: loads the newest checkpoint of the resumed folder and
     * gives every recorded option that was not typed again its recorded value.
     */
    void resume() throws IOException {
        if (resume == null) {
            if (out == null) throw new ParameterException(command.commandLine(), "Missing required option: '--out=MODEL_DIR'");
            return;
        }
        if (out == null) out = resume;
        loaded = new Checkpointer(resume).latest(System.err::println)
                .orElseThrow(() -> new IOException(resume.resolve(Checkpointer.DIR) + ": no checkpoint to resume from"));
        saved = RunFingerprint.fromMap(loaded.model().info().metadata().get(RUN), loaded.dir().resolve("model.json").toString());
        CommandLine.ParseResult typed = command.commandLine().getParseResult();
        for (ArgSpec a : recorded()) {
            boolean given = a instanceof OptionSpec o ? typed.hasMatchedOption(o) : typed.hasMatchedPositional((PositionalParamSpec) a);
            String key = key(a), value = saved.fixed().containsKey(key) ? saved.fixed().get(key) : saved.free().get(key);
            if (!given && value != null) a.setValue(parse(a, value));
        }
    }

    /** Whether an option or positional has a value: typed, or taken from the resumed checkpoint. */
    void require(String... names) {
        for (String n : names) {
            ArgSpec a = n.startsWith("-") ? command.findOption(n) : positional(n);
            if (a.getValue() == null) {
                String what = a instanceof OptionSpec o ? "option: '" + o.longestName() + "=" + o.paramLabel() + "'" : "parameter: '" + n + "'";
                throw new ParameterException(command.commandLine(), "Missing required " + what);
            }
        }
    }

    /**
     * Checkpoints into {@code --out} with {@code info}, resumed from the checkpoint {@link #resume()} loaded after
     * checking it records the same options and the same data ({@code dataSha256}, the data's content hash).
     */
    Durability durability(String dataSha256, ModelInfo info) {
        RunFingerprint run = fingerprint().withFixed("data_sha256", dataSha256);
        Durability.Resume from = null;
        if (loaded != null) {
            String difference = run.differenceFrom(saved);
            if (difference != null) throw new IllegalArgumentException(loaded.dir() + ": cannot resume: " + difference);
            from = new Durability.Resume(loaded.model().model().namedParams(), loaded.state(), loaded.dir().toString());
            Fit.checkResumable(from);
            System.err.println("resuming " + loaded.dir() + " after epoch " + loaded.state().epoch());
        }
        Checkpointer checkpointer = new Checkpointer(out);
        ModelInfo withRun = info.withMetadata(Map.of(RUN, run.toMap()));
        return new Durability(from, checkpointEvery, (model, state) -> checkpointer.save(model, withRun, state), skipNonFinite);
    }

    /**
     * As {@link #durability(String, ModelInfo)} for a part of the run kept in the sub-folder {@code sub} of
     * {@code --out} (an ensemble's further networks, a sweep's seeds): its checkpoints go to {@code out/sub/checkpoints},
     * and a resumed run continues {@code resume/sub}'s newest checkpoint when that part had begun (else starts it).
     */
    Durability durability(String dataSha256, ModelInfo info, String sub) throws IOException {
        RunFingerprint run = fingerprint().withFixed("data_sha256", dataSha256);
        Durability.Resume from = null;
        if (loaded != null) {
            String difference = run.differenceFrom(saved);
            if (difference != null) throw new IllegalArgumentException(loaded.dir() + ": cannot resume: " + difference);
            var part = new Checkpointer(resume.resolve(sub)).latest(System.err::println);
            if (part.isPresent()) {
                Checkpointer.Loaded p = part.get();
                from = new Durability.Resume(p.model().model().namedParams(), p.state(), p.dir().toString());
                Fit.checkResumable(from);
                System.err.println("resuming " + p.dir() + " after epoch " + p.state().epoch());
            }
        }
        Checkpointer checkpointer = new Checkpointer(out.resolve(sub));
        ModelInfo withRun = info.withMetadata(Map.of(RUN, run.toMap()));
        return new Durability(from, checkpointEvery, (model, state) -> checkpointer.save(model, withRun, state), skipNonFinite);
    }

    /** The command's options as a checkpoint records them (positional paths as absolute paths, free). */
    RunFingerprint fingerprint() {
        RunFingerprint f = RunFingerprint.empty();
        for (ArgSpec a : recorded()) {
            Object v = a.getValue();
            if (v instanceof Path p) v = p.toAbsolutePath().normalize();
            String text = v == null ? null : v instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v);
            f = a instanceof PositionalParamSpec || FREE.contains(key(a)) ? f.withFree(key(a), text) : f.withFixed(key(a), text);
        }
        return f;
    }

    private List<ArgSpec> recorded() {
        List<ArgSpec> out = new ArrayList<>();
        for (OptionSpec o : command.options()) if (!NOT_RECORDED.contains(key(o))) out.add(o);
        out.addAll(command.positionalParameters());
        return out;
    }

    private PositionalParamSpec positional(String label) {
        for (PositionalParamSpec p : command.positionalParameters()) if (p.paramLabel().equals(label)) return p;
        throw new IllegalArgumentException("no parameter " + label);
    }

    /** An option's longest name without dashes; a positional's label in lower case. */
    private static String key(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName().replaceFirst("^-+", "") : ((PositionalParamSpec) a).paramLabel().toLowerCase(Locale.ROOT);
    }

    /** The recorded text back as the option's type. */
    private static Object parse(ArgSpec a, String text) {
        Class<?> t = a.type();
        if (t == int.class || t == Integer.class) return Integer.valueOf(text);
        if (t == long.class || t == Long.class) return Long.valueOf(text);
        if (t == double.class || t == Double.class) return Double.valueOf(text);
        if (t == float.class || t == Float.class) return Float.valueOf(text);
        if (t == boolean.class || t == Boolean.class) return Boolean.valueOf(text);
        if (t == Path.class) return Path.of(text);
        if (t.isEnum()) return enumValue(t, text);
        if (List.class.isAssignableFrom(t)) return text.isEmpty() ? new ArrayList<String>() : new ArrayList<>(List.of(text.split(",", -1)));
        return text;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> t, String text) { return Enum.valueOf((Class<? extends Enum>) t, text); }
}
