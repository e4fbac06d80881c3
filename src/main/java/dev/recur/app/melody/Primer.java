package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyExtractor;
import dev.recur.midi.MidiReader;
import dev.recur.midi.NoteText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A primer melody from the command line: a MIDI file (.mid/.midi; its melody line, leading silence
 * dropped), a text file or text of note names ({@code "C4 D4 E4 - G4"}, see {@link NoteText}), or MIDI
 * event numbers one per step as Magenta takes them ({@code "60,62,64"}; −2 holds, −1 ends the note).
 */
public final class Primer {
    private static final Pattern NUMBERS = Pattern.compile("\\s*-?\\d+(\\s*,\\s*-?\\d+)*\\s*,?\\s*");

    private Primer() {}

    public static Melody parse(String spec, int stepsPerQuarter) throws IOException {
        String lower = spec.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mid") || lower.endsWith(".midi")) {
            Path file = Path.of(spec.strip());
            if (!Files.isRegularFile(file)) throw new IOException(file + ": primer file not found");
            Melody m = MelodyExtractor.extract(MidiReader.read(file),
                    MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(stepsPerQuarter));
            return m.trimLeadingSilence();
        }
        if (lower.endsWith(".txt")) {
            Path file = Path.of(spec.strip());
            if (!Files.isRegularFile(file)) throw new IOException(file + ": primer file not found");
            try {
                return NoteText.parse(Files.readString(file, StandardCharsets.UTF_8), stepsPerQuarter);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        if (NUMBERS.matcher(spec).matches()) {
            String[] parts = spec.strip().split("\\s*,\\s*");
            int[] events = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                int e = Integer.parseInt(parts[i].strip());
                if (e < Melody.NO_EVENT || e > 127) {
                    throw new IllegalArgumentException("primer: " + e + " at position " + (i + 1)
                            + " is not a melody event (a MIDI pitch 0..127, -1 note off, -2 hold)");
                }
                events[i] = e;
            }
            return new Melody(events, stepsPerQuarter);
        }
        try {
            return NoteText.parse(spec, stepsPerQuarter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("primer: " + e.getMessage(), e);
        }
    }
}
