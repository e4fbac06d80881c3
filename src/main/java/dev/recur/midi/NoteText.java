package dev.recur.midi;

/**
 * Plain-text melodies, one token per grid step: a note name ({@code C4}, {@code F#3}, {@code Bb5},
 * {@code C-1}; C4 = MIDI 60) or a MIDI number ({@code 60}) starts a note, {@code -} holds (the note, or
 * the rest), {@code .} rests. {@code |} is a bar line and is ignored. Example: {@code C4 D4 E4 - - G4 . A4}.
 */
public final class NoteText {
    private static final String[] SHARP_NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int[] LETTER_PC = {9, 11, 0, 2, 4, 5, 7};   // A..G

    private NoteText() {}

    /** Parses note text; a bad token gives an IllegalArgumentException naming its position and text. */
    public static Melody parse(String text, int stepsPerQuarter) {
        String[] tokens = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        int[] events = new int[tokens.length];
        int n = 0;
        boolean sounding = false;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equals("|")) continue;
            int e;
            if (t.equals("-")) e = Melody.NO_EVENT;
            else if (t.equals(".")) e = sounding ? Melody.NOTE_OFF : Melody.NO_EVENT;
            else {
                e = t.matches("\\d{1,3}") ? Integer.parseInt(t) : parseNote(t);
                if (e < 0 || e > 127) throw new IllegalArgumentException("bad token '" + t + "' at position " + (i + 1)
                        + " (expected a note name like C4, F#3, Bb5, a MIDI number 0..127, '-' to hold or '.' to rest)");
            }
            if (e >= 0) sounding = true;
            else if (e == Melody.NOTE_OFF) sounding = false;
            events[n++] = e;
        }
        return new Melody(java.util.Arrays.copyOf(events, n), stepsPerQuarter);
    }

    /**
     * Reads note text from a file; lines starting with {@code #} are comments. A bad token gives an
     * IOException naming the file, the line, the position in the line and the token.
     */
    public static Melody read(java.nio.file.Path file, int stepsPerQuarter) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) continue;
            try {
                parse(line, stepsPerQuarter);
            } catch (IllegalArgumentException e) {
                throw new java.io.IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            all.append(line).append(' ');
        }
        return parse(all.toString(), stepsPerQuarter);
    }

    /** Formats a melody as note text (sharps for black keys); {@link #parse} reads it back. */
    public static String format(Melody melody) {
        return format(melody, 0);
    }

    /** As {@link #format(Melody)}, with a {@code |} after every {@code stepsPerBar} steps (0: no bar lines). */
    public static String format(Melody melody, int stepsPerBar) {
        StringBuilder sb = new StringBuilder();
        boolean sounding = false;
        for (int i = 0; i < melody.length(); i++) {
            if (i > 0) sb.append(stepsPerBar > 0 && i % stepsPerBar == 0 ? " | " : " ");
            int e = melody.event(i);
            if (e >= 0) { sb.append(noteName(e)); sounding = true; }
            else if (e == Melody.NOTE_OFF) { sb.append('.'); sounding = false; }
            else sb.append(sounding ? "-" : ".");
        }
        return sb.toString();
    }

    /** MIDI pitch of a note name such as {@code C4}, {@code F#3}, {@code Bb5}, {@code C-1}; -1 if not one. */
    public static int parseNote(String s) {
        if (s.isEmpty()) return -1;
        char letter = Character.toUpperCase(s.charAt(0));
        if (letter < 'A' || letter > 'G') return -1;
        int pc = LETTER_PC[letter - 'A'];
        int i = 1;
        while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == 'b')) {
            pc += s.charAt(i) == '#' ? 1 : -1;
            i++;
        }
        if (i - 1 > 2) return -1;
        String octave = s.substring(i);
        if (!octave.matches("-?\\d")) return -1;
        int pitch = 12 * (Integer.parseInt(octave) + 1) + pc;
        return pitch < 0 || pitch > 127 ? -1 : pitch;
    }

    /** Note name with sharps, C4 = 60. */
    public static String noteName(int pitch) {
        if (pitch < 0 || pitch > 127) throw new IllegalArgumentException("not a MIDI pitch: " + pitch);
        return SHARP_NAMES[pitch % 12] + (pitch / 12 - 1);
    }

    /** Pitch-class name (sharps), e.g. "F#". */
    public static String pitchClassName(int pc) {
        return SHARP_NAMES[Math.floorMod(pc, 12)];
    }
}
