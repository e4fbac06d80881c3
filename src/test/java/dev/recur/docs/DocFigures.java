package dev.recur.docs;

import dev.recur.tensor.KernelInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Figures in README.md and docs/ that a test recomputes, so they cannot go stale. A doc marks each one:
 * <ul>
 *   <li>a number in prose or a table: {@code <!-- fig NAME -->3.775<!-- /fig -->} (invisible when rendered);</li>
 *   <li>a whole block of printed output: {@code <!-- output NAME -->} on the line before a fenced block.</li>
 * </ul>
 * The test that runs the code hands {@link #check} the values it printed; a doc that says otherwise fails the
 * test with every difference listed, and {@code -Drecur.docs.update=true} (e.g. {@code ./mvnw test
 * -Dtest=DemoCommandTest -Drecur.docs.update=true}) rewrites the docs instead. Figures are compared exactly on
 * the reference kernels (the vector path with 16 float lanes, AVX-512, where the docs are written); elsewhere
 * float sums run in another order, so numbers may differ in the last digits and 1 % is allowed.
 */
public final class DocFigures {
    private DocFigures() {}

    private static final Pattern FIG = Pattern.compile("<!-- fig ([\\w.-]+) -->(.*?)<!-- /fig -->");
    private static final Pattern OUTPUT = Pattern.compile("<!-- output ([\\w.-]+) -->\\n```[^\\n]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    /** Whether this machine runs the kernels the docs' figures were made with. */
    static boolean referenceKernels() {
        KernelInfo k = KernelInfo.current();
        return k.path().equals("vector") && k.floatLanes() == 16;
    }

    static boolean updating() { return Boolean.getBoolean("recur.docs.update"); }

    /**
     * Checks (or, when updating, rewrites) every marked figure and output block of {@code doc} named in
     * {@code figures}; each name must appear at least once.
     */
    public static void check(Path doc, Map<String, String> figures) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        Matcher m = FIG.matcher(text);
        while (m.find()) {
            String name = m.group(1), shown = m.group(2);
            String want = figures.get(name);
            seen.merge(name, 1, Integer::sum);
            if (want != null && !same(shown, want)) problems.add(doc + ": " + name + " says " + shown + ", the code prints " + want);
            m.appendReplacement(out, Matcher.quoteReplacement("<!-- fig " + name + " -->" + (want == null ? shown : want) + "<!-- /fig -->"));
        }
        m.appendTail(out);
        text = out.toString();
        out.setLength(0);
        m = OUTPUT.matcher(text);
        while (m.find()) {
            String name = m.group(1), shown = m.group(2);
            String want = figures.get(name);
            seen.merge(name, 1, Integer::sum);
            if (want != null && !same(shown.strip(), want.strip())) {
                problems.add(doc + ": output " + name + " shows\n" + shown + "the code prints\n" + want);
            }
            String block = want == null ? shown : want.strip() + "\n";
            String fence = m.group(0).substring(m.group(0).indexOf("```"), m.group(0).indexOf('\n', m.group(0).indexOf("```")) + 1);
            m.appendReplacement(out, Matcher.quoteReplacement("<!-- output " + name + " -->\n" + fence + block + "```"));
        }
        m.appendTail(out);
        for (String name : figures.keySet()) {
            if (!seen.containsKey(name)) problems.add(doc + ": no marker for " + name + " (was it deleted?)");
        }
        if (problems.isEmpty()) return;
        if (updating()) {
            Files.writeString(doc, out.toString(), StandardCharsets.UTF_8);
            System.out.println("rewrote " + doc + ":\n" + String.join("\n", problems));
            return;
        }
        fail(String.join("\n", problems) + "\n(rerun this test with -Drecur.docs.update=true to rewrite the docs)");
    }

    /** Equal text; off the reference kernels, the same text with every number within 1 %. */
    static boolean same(String shown, String want) {
        if (shown.equals(want)) return true;
        if (referenceKernels()) return false;
        Matcher a = NUMBER.matcher(shown), b = NUMBER.matcher(want);
        if (!NUMBER.matcher(shown).replaceAll("#").equals(NUMBER.matcher(want).replaceAll("#"))) return false;
        while (a.find() && b.find()) {
            double x = Double.parseDouble(a.group()), y = Double.parseDouble(b.group());
            if (Math.abs(x - y) > 0.01 * Math.max(Math.abs(x), Math.abs(y)) + 1e-9) return false;
        }
        return true;
    }

    /** The root of the repository (tests run in it). */
    public static Path root() { return Path.of("").toAbsolutePath(); }
}
