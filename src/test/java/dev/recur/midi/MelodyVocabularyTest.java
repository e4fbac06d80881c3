package dev.recur.midi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MelodyVocabularyTest {
    private final MelodyVocabulary v = MelodyVocabulary.DEFAULT;

    @Test void idsAndNames() {
        assertEquals(39, v.size());
        assertEquals(0, v.id(Melody.NO_EVENT));
        assertEquals(1, v.id(Melody.NOTE_OFF));
        assertEquals(2, v.id(48));
        assertEquals(38, v.id(84));
        assertEquals("NO_EVENT", v.name(0));
        assertEquals("NOTE_OFF", v.name(1));
        assertEquals("C3", v.name(2));
        assertEquals("C6", v.name(38));
        assertEquals(61, v.event(v.id(61)));
        assertThrows(IllegalArgumentException.class, () -> v.name(39));
        assertThrows(IllegalArgumentException.class, () -> new MelodyVocabulary(60, 70));
    }

    @Test void pitchesOutsideTheRangeFoldByOctaves() {
        assertEquals(59, v.fold(35));
        assertEquals(48, v.fold(24));
        assertEquals(84, v.fold(84));
        assertEquals(73, v.fold(85));
        assertEquals(84, v.fold(120));
        assertEquals(v.id(48), v.id(36));
        assertEquals(v.id(84), v.id(108));
    }

    @Test void encodeDecodeRoundTripInRangeAndFoldsOutside() {
        Melody m = NoteText.parse("C4 - . E3 G5 C6 -", 4);
        int[] ids = v.encode(m);
        assertArrayEquals(new int[] {14, 0, 1, 6, 33, 38, 0}, ids);
        assertEquals(m, v.decode(ids, 4));
        Melody wide = NoteText.parse("C1 - D7 .", 4);
        assertEquals(NoteText.parse("C3 - D5 .", 4), v.decode(v.encode(wide), 4));
        assertEquals(false, v.fits(wide));
        assertEquals(true, v.fits(v.fold(wide)));
    }
}
