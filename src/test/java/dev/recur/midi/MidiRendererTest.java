package dev.recur.midi;

import org.junit.jupiter.api.Test;

import javax.sound.midi.Sequence;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The JDK synthesizer renders what the MIDI says: sound where the notes are, the right length, each note's pitch. */
class MidiRendererTest {
    static final float RATE = MidiRenderer.SAMPLE_RATE;

    /** Energy of a Goertzel filter at {@code hz} over samples [from, to). */
    static double energy(float[] x, int from, int to, double hz) {
        double w = 2 * Math.PI * hz / RATE, c = 2 * Math.cos(w), s1 = 0, s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = x[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    }

    /** The MIDI pitch in 36..96 whose first four harmonics hold the most energy in [from, to). */
    static int strongestPitch(float[] x, int from, int to) {
        int best = -1;
        double bestE = -1;
        for (int p = 36; p <= 96; p++) {
            double f0 = 440 * Math.pow(2, (p - 69) / 12.0), e = 0;
            for (int h = 1; h <= 4; h++) if (h * f0 < RATE / 2) e += energy(x, from, to, h * f0) / h;
            if (e > bestE) { bestE = e; best = p; }
        }
        return best;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / Math.max(1, to - from));
    }

    @Test void aMelodyRendersWithItsLengthAndPitches() throws Exception {
        // A quarter-note rest, then quarter notes at 120 bpm (0.5 s each), a rest, and a last note.
        String text = ". - - - C4 - - - E4 - - - G4 - - - A#4 - - - . - - - D5 - - - .";
        Melody m = NoteText.parse(text, 4);
        for (int program : new int[] {73, 0}) {      // flute, piano
            MidiWriter.Options o = MidiWriter.Options.DEFAULT.withProgram(program);
            Sequence s = MidiRenderer.sequence(MidiWriter.toBytes(m, o));
            float[] audio = MidiRenderer.render(s);
            List<Note> notes = m.toNotes(o.ppq(), o.velocity(), 0, 1);
            double lastEnd = notes.getLast().endTick() / (double) o.ppq() * 0.5;
            assertEquals((int) Math.ceil((lastEnd + MidiRenderer.TAIL_SECONDS) * RATE), audio.length, "length: the music and its release");
            double loud = rms(audio, 0, audio.length);
            assertTrue(loud > 0.01, "not silent: rms " + loud);
            assertTrue(rms(audio, 0, (int) (0.45 * RATE)) < 0.01 * loud, "silent before the first note");
            for (Note n : notes) {
                int from = (int) ((n.startTick() / (double) o.ppq() * 0.5 + 0.08) * RATE);
                int to = (int) ((n.endTick() / (double) o.ppq() * 0.5 - 0.02) * RATE);
                assertEquals(n.pitch(), strongestPitch(audio, from, to), "program " + program + ", note at tick " + n.startTick());
                assertTrue(rms(audio, from, to) > 0.05 * loud, "the note sounds");
            }
        }
    }

    @Test void tempoChangesMoveTheEvents() throws Exception {
        Melody m = NoteText.parse("C4 - - - C5 - - - .", 4);
        Sequence slow = MidiRenderer.sequence(MidiWriter.toBytes(m, MidiWriter.Options.DEFAULT.withBpm(60)));
        double[] at = MidiRenderer.seconds(slow, new long[] {0, 480, 960, 240});
        assertArrayEquals(new double[] {0, 1, 2, 0.5}, at, 1e-9);
        assertEquals((int) Math.ceil(3 * RATE), MidiRenderer.render(slow).length);
    }

    @Test void anEmptySequenceIsTheTailOfSilence() throws Exception {
        float[] audio = MidiRenderer.render(new Sequence(Sequence.PPQ, 480));
        assertEquals((int) Math.ceil(MidiRenderer.TAIL_SECONDS * RATE), audio.length);
        assertEquals(0, rms(audio, 0, audio.length), 1e-9);
    }
}
