package dev.recur.midi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recur.fuzz.FuzzChecks;

import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link MidiReader} and {@link NoteText}: any bytes give a score / melody or a MidiFormatException /
 * IllegalArgumentException with a message. Seeds and findings: src/test/resources/dev/recur/midi/MidiFuzzTestInputs/.
 */
class MidiFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void midi(byte[] input) throws Exception {
        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            MidiScore score = MidiReader.read(input, "fuzz.mid", MidiReader.Options.DEFAULT.withDrums(true));
            for (Note n : score.notes()) {
                if (n.endTick() < n.startTick() || n.pitch() < 0 || n.pitch() > 127) throw new AssertionError("bad note " + n);
            }
            for (TempoChange t : score.tempos()) {
                if (!Double.isFinite(t.bpm()) || t.bpm() <= 0) throw new AssertionError("bad tempo " + t);
            }
        });
    }

    /** Parsing any text either fails with a message or gives a melody that formats and parses back to itself. */
    @FuzzTest(maxDuration = "10m")
    void noteText(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            Melody m = NoteText.parse(text, 4);
            Melody back = NoteText.parse(NoteText.format(m, 16), 4);
            if (!java.util.Arrays.equals(events(m), events(back))) {
                throw new AssertionError("format/parse round trip changed '" + text + "' -> '" + NoteText.format(m) + "'");
            }
        });
    }

    private static int[] events(Melody m) {
        int[] e = new int[m.length()];
        for (int i = 0; i < e.length; i++) e[i] = m.event(i);
        return e;
    }
}
