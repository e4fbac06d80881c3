package dev.recur.midi;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TranspositionTest {
    private final MelodyVocabulary v = MelodyVocabulary.DEFAULT;

    @Test void allTwelveKeysForANarrowMelody() {
        Melody m = NoteText.parse("C4 D4 E4 F4 G4 - .", 4);
        List<Melody> keys = Transposition.allKeys(m, v);
        assertEquals(12, keys.size());
        assertEquals(m, keys.getFirst());
        Set<Integer> firstNotes = new HashSet<>();
        for (Melody k : keys) {
            firstNotes.add(k.event(0));
            assertEquals(m.event(1) - m.event(0), k.event(1) - k.event(0));
            assertEquals(m.length(), k.length());
        }
        assertEquals(12, firstNotes.size());
    }

    @Test void skipsKeysThatLeaveTheRange() {
        // C3..A5 spans 33 of the 36 semitones: shifts -5..+6 that fit are 0..3
        Melody wide = NoteText.parse("C3 A5 .", 4);
        List<Melody> keys = Transposition.allKeys(wide, v);
        assertEquals(4, keys.size());
        for (Melody k : keys) assertEquals(true, v.fits(k));
    }

    @Test void estimatesKeys() {
        assertEquals(new Key(0, false), Key.estimate(NoteText.parse("C4 D4 E4 F4 G4 A4 B4 C5 G4 E4 C4 - - -", 4)));
        assertEquals(new Key(7, false), Key.estimate(NoteText.parse("G4 A4 B4 C5 D5 E5 F#5 G5 D5 B4 G4 - - -", 4)));
        assertEquals(new Key(9, true), Key.estimate(NoteText.parse("A3 B3 C4 D4 E4 F4 G#4 A4 E4 C4 A3 - - -", 4)));
        assertEquals("A minor", new Key(9, true).name());
        assertEquals(-2, new Key(2, false).shiftToC());
        assertEquals(5, new Key(7, false).shiftToC());
        assertEquals(-5, new Key(2, true).shiftToC());
    }

    @Test void normalisesToCMajorAndAMinor() {
        Melody gMajor = NoteText.parse("G4 A4 B4 C5 D5 E5 F#5 G5 D5 B4 G4 - - -", 4);
        Melody inC = Transposition.normalizeKey(gMajor, v);
        assertEquals(new Key(0, false), Key.estimate(inC));
        assertEquals(gMajor.transpose(-7), inC);         // G4..G5 → C4..C5: the octave nearest the range's middle (66)
        Melody eMinor = NoteText.parse("E4 F#4 G4 A4 B4 C5 D#5 E5 B4 G4 E4 - - -", 4);
        assertEquals(eMinor.transpose(-7), Transposition.normalizeKey(eMinor, v));   // E4..E5 → A3..A4
        // a melody high in the range moves down an octave rather than leave it
        Melody highG = gMajor.transpose(12);             // G5..G6 folds to ...; stays in range after shifting
        assertEquals(true, v.fits(Transposition.normalizeKey(highG, v)));
    }

    @Test void aTuneInAnyOfTheTwelveKeysGivesTheSameTrainingTokens() throws Exception {
        // "Ode to Joy"-like tune with an accidental, and a minor tune with a raised seventh
        for (String text : new String[] {
                "E4 - E4 - F4 - G4 - G4 - F4 - E4 - D4 - C4 - C4 - D4 - E4 - E4 - - D4 D4 - - - F#4 - G4 - - - .",
                "A3 - B3 - C4 - D4 - E4 - - - F4 - E4 - D4 - C4 - B3 - G#3 - A3 - - - ."}) {
            Melody tune = NoteText.parse(text, 4);
            int[] expected = v.encode(Transposition.normalizeKey(tune, v));
            for (int t = -30; t <= 30; t++) {
                Melody moved = tune.transpose(t);
                assertArrayEquals(expected, v.encode(Transposition.normalizeKey(moved, v)), "transposed by " + t);
                assertEquals(Math.floorMod(Key.estimate(tune).tonic() + t, 12), Key.estimate(moved).tonic(), "key moves with the tune");
            }
        }
    }

    @Test void octaveAugmentationKeepsTheKey() {
        Melody m = NoteText.parse("C4 D4 E4 F4 G4 - .", 4);
        List<Melody> all = Transposition.octaves(m, v);
        assertEquals(3, all.size());                     // C3.., C4.., C5.. (G5 still fits under C6; C2 does not)
        for (Melody x : all) {
            assertEquals(Key.estimate(m), Key.estimate(x));
            assertEquals(true, v.fits(x));
        }
    }
}
