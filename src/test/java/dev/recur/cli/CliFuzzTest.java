package dev.recur.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recur.fuzz.FuzzChecks;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the command line with extreme option values: a command with its required inputs (small models trained
 * once, a short WAV, a series CSV, the bundled MIDI tunes), then any of its options with values from 0, -1 and
 * 2^31-1 to NaN, 1e300, "" and text, plus whatever else the fuzzer makes up. Every run must end with exit code
 * 0..3; a failure must be a documented one (IOException, IllegalArgumentException, a usage error), one line
 * starting with the command, and a usage error exactly one line pointing to --help. An Error (out of memory,
 * stack overflow) or any other exception is a finding. Options that only cost time (--epochs, --count, ...)
 * take small or out-of-range values only. Seeds and findings: src/test/resources/dev/recur/cli/CliFuzzTestInputs.
 */
class CliFuzzTest {
    private static Path dir, series, csv, midi, melody, wav, genres, classifier, runInput;

    /** Options whose valid values only cost time: tried with small values and values beyond their limits. */
    private static final Set<String> TIME_ONLY = Set.of("--epochs", "--patience", "--count", "--tracks", "--seconds",
            "--steps", "--bars", "--beam", "--top-k", "--holdout", "--checkpoint-every", "--crops", "--order", "--units",
            "--layers", "--embedding", "--window", "--bptt", "--batch", "--phrase-bars", "--segment-seconds",
            "--segment", "--threads", "--steps-per-quarter");
    /** Options left to the harness (paths, and the ones that would resume, write elsewhere or run for long). */
    private static final Set<String> FIXED = Set.of("--help", "--version", "--model", "--out", "--output", "--input",
            "--resume", "--cache", "--no-cache", "--plot", "--target", "--quiet", "--no-progress", "--samples");

    private static final String[] INTS = {"0", "-1", "1", "2", "3", "7", "16", "127", "128", "255", "65536", "1048577",
            "2147483647", "-2147483648", "2147483648", "99999999999", "1e3", "0x10", " 5", "", "NaN"};
    private static final String[] DOUBLES = {"0", "-0.0", "1e-300", "1e300", "NaN", "Infinity", "-Infinity", "0.5", "1",
            "1.5", "3.5", "3.58", "60000000", "60000001", "1e9", "-1", "0.999999", "4.9e-324", "1,5", ""};
    private static final String[] TEXTS = {"", " ", "foo", "lstm", "gru", "rnn", "mean", "last", "C", "D#", "Bb", "H",
            "minor", "blues", "chromatic", "tab", ",", ";", "\\t", "C4 D4 E4 - G4", "60,62,-2,-1", "^(.*)__", "(", "\n",
            "forward", "linear", "x".repeat(300)};
    private static final String[] SMALL = {"-1", "0", "1", "2", "3", "2147483647", "-2147483648", "1048577", "100000000"};

    private record Command(String name, List<String> base) {}

    private static List<Command> commands;

    @BeforeAll static void setUp() throws Exception {
        dir = FuzzChecks.scratch("cli");
        csv = TrainSeriesResumeTest.csv(dir, 160);
        series = dir.resolve("series-model");
        require(Main.run("train-series", csv.toString(), "--target", "y", "--window", "6", "--horizon", "2", "--units", "4",
                "--epochs", "1", "--quiet", "--out", series.toString()));
        // three short tunes: enough for a split, small enough that a fuzzed size trains in seconds
        midi = Files.createDirectories(dir.resolve("midi"));
        try (var s = Files.list(Path.of("samples/midi"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".mid")).sorted(java.util.Comparator.comparingLong(CliFuzzTest::size)).limit(3).toList()) {
                Files.copy(p, midi.resolve(p.getFileName()));
            }
        }
        melody = dir.resolve("melody-model");
        require(Main.run("train-melody", midi.toString(), "--out", melody.toString(), "--epochs", "1", "--units", "8",
                "--layers", "1", "--embedding", "4", "--window", "32", "--bptt", "16", "--batch", "8", "--quiet"));
        genres = dir.resolve("genres");
        require(Main.run("synth", genres.toString(), "--tracks", "3", "--seconds", "1"));
        try (var s = Files.walk(genres)) {
            wav = s.filter(p -> p.toString().endsWith(".wav")).sorted().findFirst().orElseThrow();
        }
        classifier = dir.resolve("classifier");
        require(Main.run("train-classifier", genres.toString(), "--out", classifier.toString(), "--segment-seconds", "0.5",
                "--epochs", "1", "--units", "4", "--layers", "1", "--quiet", "--no-cache"));
        runInput = Files.writeString(dir.resolve("x.csv"), "1.0\n2.0\n3.0\n");
        String out = dir.resolve("out").toString();
        commands = List.of(
                new Command("generate", List.of("--model", melody.toString(), "--out", dir.resolve("g.mid").toString())),
                new Command("forecast", List.of("--model", series.toString(), csv.toString(), "--out", dir.resolve("f.csv").toString())),
                new Command("run", List.of("--model", series.toString(), "--input", runInput.toString(), "--output", dir.resolve("y.csv").toString())),
                new Command("features", List.of(wav.toString(), "--out", dir.resolve("feat.csv").toString(), "--no-cache", "--quiet")),
                new Command("train-series", List.of(csv.toString(), "--target", "y", "--out", out, "--epochs", "1", "--quiet")),
                new Command("train-melody", List.of(midi.toString(), "--out", out, "--epochs", "1", "--quiet")),
                new Command("melody-baseline", List.of(midi.toString())),
                new Command("classify", List.of("--model", classifier.toString(), wav.toString())),
                new Command("evaluate", List.of("--model", classifier.toString(), genres.toString(), "--quiet")),
                new Command("train-classifier", List.of(genres.toString(), "--out", out, "--epochs", "1", "--no-cache", "--quiet")),
                new Command("baseline", List.of(genres.toString(), "--out", out, "--no-cache", "--quiet")));
    }

    @AfterAll static void clean() throws IOException {
        if (dir == null) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(int code) {
        if (code != ExitCodes.OK) throw new IllegalStateException("fuzz set-up failed with exit code " + code);
    }

    @FuzzTest(maxDuration = "10m")
    void options(FuzzedDataProvider data) throws Exception {
        Command c = data.pickValue(commands);
        List<String> args = new ArrayList<>();
        args.add(c.name());
        args.addAll(c.base());
        CommandLine spec = Main.commandLine().getSubcommands().get(c.name());
        List<OptionSpec> options = spec.getCommandSpec().options().stream()
                .filter(o -> !FIXED.contains(o.longestName()) && !c.base().contains(o.longestName())).toList();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n && !options.isEmpty(); i++) {
            OptionSpec o = data.pickValue(options);
            args.add(o.longestName());
            if (o.arity().max() == 0) continue;   // a flag
            args.add(value(o, data));
        }
        run(args.toArray(String[]::new));
    }

    private static String value(OptionSpec o, FuzzedDataProvider data) {
        Class<?> t = o.type();
        if (TIME_ONLY.contains(o.longestName())) return data.pickValue(SMALL);
        int source = data.consumeInt(0, 3);
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return source == 0 ? Long.toString(data.consumeLong()) : source == 1 ? data.consumeString(12) : data.pickValue(INTS);
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return source == 0 ? Double.toString(data.consumeDouble()) : source == 1 ? data.consumeString(12) : data.pickValue(DOUBLES);
        }
        return source <= 1 ? data.consumeString(40) : data.pickValue(TEXTS);
    }

    /** Runs the CLI in this JVM with stdout and stderr captured, and checks what a user would see. */
    private static void run(String[] args) {
        long t0 = System.nanoTime();
        try {
            check(args);
        } finally {
            // -Drecur.fuzz.print=true shows each input's command line and time (to read a corpus or a slow unit)
            if (Boolean.getBoolean("recur.fuzz.print")) {
                System.out.printf("fuzz input: %s (%.1f s)%n", String.join(" ", args), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void check(String[] args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Throwable[] handled = {null};
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            OneLineErrors errors = new OneLineErrors();
            cl.setExecutionExceptionHandler((ex, c, parsed) -> {
                handled[0] = ex;
                return errors.handleExecutionException(ex, c, parsed);
            });
            code = Main.execute(cl, args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        String what = String.join(" ", args) + " -> exit " + code + ": " + e;
        if (code < 0 || code > 3) throw new AssertionError("exit code outside 0..3: " + what);
        if (handled[0] != null && !documented(handled[0])) throw new AssertionError("undocumented " + handled[0] + ": " + what, handled[0]);
        // what the user sees, less Jazzer's own "INFO: Instrumented ..." lines
        List<String> lines = e.lines().filter(l -> !l.isBlank() && !l.startsWith("INFO: ")).toList();
        if (lines.stream().anyMatch(l -> l.matches("\\s+at [\\w.$<>]+\\(.*"))) throw new AssertionError("a stack trace: " + what);
        if (code == ExitCodes.USAGE && (lines.size() != 1 || !lines.getFirst().contains("--help"))) {
            throw new AssertionError("a usage error must be one line pointing to --help: " + what);
        }
        if (code == ExitCodes.FAILURE) {
            // one line naming the command, or (a batch of files) lines naming the files
            if (lines.isEmpty()) throw new AssertionError("a failure must say why: " + what);
            String last = lines.getLast();
            if (last.contains(": out of memory") || last.contains(": stack overflow") || last.contains(": internal error")) {
                throw new AssertionError("an Error reached the top: " + what);
            }
        }
    }

    private static boolean documented(Throwable t) {
        if (OneLineErrors.errorIn(t) != null) return false;
        return t instanceof IOException || t instanceof UncheckedIOException || t instanceof IllegalArgumentException
                || t instanceof UsageError || t instanceof CommandLine.ParameterException;
    }
}
