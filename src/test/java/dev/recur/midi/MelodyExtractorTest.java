package dev.recur.midi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MelodyExtractorTest {
    private static final int PPQ = 96;     // 24 ticks per step at 4 steps per quarter

    private static MidiScore score(Note... notes) {
        return new MidiScore("t.mid", 1, PPQ, 3, List.of(), List.of(), List.of(notes), 0);
    }

    private static Note n(long start, long end, int pitch) { return new Note(start, end, pitch, 100, 0, 1); }

    private static Melody text(String s) { return NoteText.parse(s, 4); }

    @Test void notesBetweenGridPointsGoToTheNearestStep() throws Exception {
        // 11 ticks → step 0 (0.46), 12 ticks → step 1 (halfway rounds up), 35 → 1, 36 → 2
        assertEquals(text("C4 - D4 . "), MelodyExtractor.extract(score(n(11, 36, 60), n(36, 70, 62))));
        assertEquals(text(". C4 D4 ."), MelodyExtractor.extract(score(n(12, 35, 60), n(36, 60, 62))));
        assertEquals(0, MelodyExtractor.toStep(-1, PPQ, 4));
        assertEquals(-1, MelodyExtractor.toStep(-13, PPQ, 4));
    }

    @Test void veryShortNotesLastOneStep() throws Exception {
        assertEquals(text("C4 D4 ."), MelodyExtractor.extract(score(n(0, 1, 60), n(24, 26, 62))));
        // a grace note rounding onto the same step as the next note loses to the higher/later one
        assertEquals(text("E4 - ."), MelodyExtractor.extract(score(n(2, 5, 62), n(5, 48, 64))));
    }

    @Test void tiedNotesOfOnePitchStayTwoOnsets() throws Exception {
        assertEquals(text("C4 - C4 - ."), MelodyExtractor.extract(score(n(0, 48, 60), n(48, 96, 60))));
        // legato overlap of the same pitch: the later onset is heard
        assertEquals(text("C4 - C4 - ."), MelodyExtractor.extract(score(n(0, 60, 60), n(48, 96, 60))));
    }

    @Test void highestSoundingNoteWinsAndALowerNoteResumesWhenItEnds() throws Exception {
        Melody m = MelodyExtractor.extract(score(n(0, 192, 48), n(0, 48, 64), n(48, 96, 67), n(96, 120, 55)));
        assertEquals(text("E4 - G4 - G3 C3 - - ."), m);
    }

    @Test void restsBecomeNoteOffThenHolds() throws Exception {
        assertEquals(text(". . C4 . . . D4 ."), MelodyExtractor.extract(score(n(48, 72, 60), n(144, 168, 62))));
    }

    @Test void busiestPartIsChosenUnlessATrackOrChannelIsGiven() throws Exception {
        MidiScore s = score(new Note(0, 24, 72, 100, 0, 1),
                new Note(0, 24, 60, 100, 1, 1), new Note(24, 48, 62, 100, 1, 1),
                new Note(0, 24, 40, 100, 0, 2), new Note(24, 48, 41, 100, 0, 2), new Note(48, 72, 43, 100, 0, 2));
        assertEquals(text("E2 F2 G2 ."), MelodyExtractor.extract(s));
        assertEquals(text("C5 D4 ."), MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withPart(1, -1)));
        assertEquals(text("C4 D4 ."), MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withPart(-1, 1)));
        assertEquals(text("C5 ."), MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withPart(1, 0)));
        assertEquals(text("C5 D4 G2 ."), MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withPart(MelodyExtractor.ALL, -1)));
        MidiFormatException e = assertThrows(MidiFormatException.class,
                () -> MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withPart(5, -1)));
        assertEquals("t.mid: no notes in track 5", e.getMessage());
    }

    @Test void coarserGridAndAbsurdLength() throws Exception {
        assertEquals(NoteText.parse("C4 D4 - .", 1),
                MelodyExtractor.extract(score(n(0, 96, 60), n(96, 288, 62)), MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(1)));
        MidiFormatException e = assertThrows(MidiFormatException.class,
                () -> MelodyExtractor.extract(score(n(0, 96L * 1_000_000, 60))));
        assertEquals(true, e.reason().startsWith("melody too long"));
    }
}
