package dev.recur.app.melody;

import dev.recur.samples.Pcm16WavWriter;
import dev.recur.midi.MidiRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Melodies a musician can hear without a DAW: a written MIDI file rendered to WAV, or played. */
public final class MelodyAudio {
    private MelodyAudio() {}

    /** Renders the MIDI file with the JDK's synthesizer into a WAV file (atomically); returns its length in seconds. */
    public static double writeWav(Path midi, Path wav) throws IOException {
        float[] samples = MidiRenderer.render(MidiRenderer.sequence(Files.readAllBytes(midi)));
        Pcm16WavWriter.write(wav, samples, (int) MidiRenderer.SAMPLE_RATE);
        return samples.length / (double) MidiRenderer.SAMPLE_RATE;
    }

    /** Plays the MIDI file on the default MIDI device; throws with one line when there is none. */
    public static void play(Path midi) throws IOException {
        MidiRenderer.play(MidiRenderer.sequence(Files.readAllBytes(midi)));
    }
}
