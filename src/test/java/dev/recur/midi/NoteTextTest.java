package dev.recur.midi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NoteTextTest {
    private static final int H = Melody.NO_EVENT, OFF = Melody.NOTE_OFF;

    @Test void parsesNotesHoldsAndRests() {
        Melody m = NoteText.parse("C4 D4 E4 - - G4 . A4", 4);
        assertArrayEquals(new int[] {60, 62, 64, H, H, 67, OFF, 69}, m.events());
        assertEquals(4, m.stepsPerQuarter());
    }

    @Test void noteNamesWithSharpsFlatsAndOctaves() {
        assertEquals(60, NoteText.parseNote("C4"));
        assertEquals(61, NoteText.parseNote("C#4"));
        assertEquals(61, NoteText.parseNote("Db4"));
        assertEquals(70, NoteText.parseNote("Bb4"));
        assertEquals(59, NoteText.parseNote("Cb4"));
        assertEquals(60, NoteText.parseNote("B#3"));
        assertEquals(62, NoteText.parseNote("C##4"));
        assertEquals(69, NoteText.parseNote("a4"));
        assertEquals(0, NoteText.parseNote("C-1"));
        assertEquals(127, NoteText.parseNote("G9"));
        assertEquals(-1, NoteText.parseNote("G#9"));
        assertEquals(-1, NoteText.parseNote("H4"));
        assertEquals(-1, NoteText.parseNote("C"));
        assertEquals(-1, NoteText.parseNote("C10"));
        assertEquals(-1, NoteText.parseNote("C###4"));
        assertEquals("C#4", NoteText.noteName(61));
        assertEquals("C-1", NoteText.noteName(0));
        assertEquals("G9", NoteText.noteName(127));
    }

    @Test void restsWhileSilentAreHoldsAndBarLinesAreIgnored() {
        assertArrayEquals(new int[] {H, 60, OFF, H, H, 62}, NoteText.parse(". C4 | . . - D4", 2).events());
    }

    @Test void formatsAndParsesBack() {
        Melody m = new Melody(new int[] {H, 61, H, OFF, H, 70, 70, H, OFF}, 4);
        String s = NoteText.format(m);
        assertEquals(". C#4 - . . A#4 A#4 - .", s);
        assertEquals(m, NoteText.parse(s, 4));
        assertEquals(". C#4 - . | . A#4 A#4 - | .", NoteText.format(m, 4));
        assertEquals(m, NoteText.parse(NoteText.format(m, 4), 4));
        assertEquals(0, NoteText.parse("  ", 4).length());
    }

    @Test void midiNumbersAndFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertArrayEquals(new int[] {60, H, 127, 0, OFF}, NoteText.parse("60 - 127 0 .", 4).events());
        assertThrows(IllegalArgumentException.class, () -> NoteText.parse("60 128", 4));
        java.nio.file.Path f = dir.resolve("primer.txt");
        java.nio.file.Files.writeString(f, "# a primer\nC4 D4 -\n| E4 .\n");
        assertEquals(NoteText.parse("C4 D4 - E4 .", 2), NoteText.read(f, 2));
        java.nio.file.Files.writeString(f, "C4 D4\n# comment\nE4 Z9 F4\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> NoteText.read(f, 2));
        assertEquals(f + " line 3: bad token 'Z9' at position 2", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
    }

    @Test void longRestsAreShortened() {
        Melody m = NoteText.parse(". . . C4 - . . . . D4 . . E4 - - - - .", 4);
        assertEquals(NoteText.parse(". . C4 - . . D4 . . E4 - - - - .", 4), m.limitRests(2));
        assertEquals(m, m.limitRests(4));
        assertEquals(NoteText.parse(". C4 - . D4 . E4 - - - - .", 4), m.limitRests(1));
    }

    @Test void badTokenNamesPositionAndToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoteText.parse("C4 D4 X4 E4", 4));
        assertEquals(true, e.getMessage().startsWith("bad token 'X4' at position 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoteText.parse("C4 -- E4", 4));
        assertEquals(true, e.getMessage().startsWith("bad token '--' at position 2"), e.getMessage());
    }
}
