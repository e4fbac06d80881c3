package dev.recur.midi;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MIDI to sound with the JDK's own software synthesizer (Gervill, in javax.sound.midi; pure Java, General
 * MIDI instruments from its built-in sound bank): {@link #render} turns a sequence into mono samples
 * offline, faster than real time and with no sound device; {@link #play} sends it to the default MIDI
 * device. Rendering opens Gervill's audio stream, which lives in {@code com.sun.media.sound}: the JVM must
 * export that package ({@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}; recur.jar's
 * manifest does, and so do the tests).
 */
public final class MidiRenderer {
    /** CD rate: every General MIDI instrument's range fits under its Nyquist frequency. */
    public static final float SAMPLE_RATE = 44_100f;
    /** Rendered after the last event, so the last note's release is heard. */
    public static final double TAIL_SECONDS = 1.0;
    private static final float PEAK = 0.89f;      // −1 dBFS
    /** Gervill looks up its defaults in java.util.prefs, which logs an INFO line the first time on a machine. */
    private static final java.util.logging.Logger PREFS_LOG = java.util.logging.Logger.getLogger("java.util.prefs");

    static { PREFS_LOG.setLevel(java.util.logging.Level.WARNING); }

    private MidiRenderer() {}

    /** The sequence of a standard MIDI file's bytes. */
    public static Sequence sequence(byte[] midiFile) throws IOException {
        try {
            return MidiSystem.getSequence(new ByteArrayInputStream(midiFile));
        } catch (InvalidMidiDataException e) {
            throw new IOException("not a MIDI file: " + e.getMessage(), e);
        }
    }

    /** Seconds from the start to every tick of a PPQ sequence, through its tempo changes (120 bpm until the first). */
    static double[] seconds(Sequence s, long[] ticks) {
        if (s.getDivisionType() != Sequence.PPQ) {
            double ticksPerSecond = s.getDivisionType() * s.getResolution();
            double[] out = new double[ticks.length];
            for (int i = 0; i < ticks.length; i++) out[i] = ticks[i] / ticksPerSecond;
            return out;
        }
        List<long[]> tempos = new ArrayList<>();     // {tick, microseconds per quarter}
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x51 && m.getData().length == 3) {
                    byte[] d = m.getData();
                    tempos.add(new long[] {e.getTick(), ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF)});
                }
            }
        }
        tempos.sort(Comparator.comparingLong(a -> a[0]));
        double ppq = s.getResolution();
        double[] out = new double[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            double sec = 0;
            long at = 0, mpq = 500_000;
            for (long[] tempo : tempos) {
                if (tempo[0] >= ticks[i]) break;
                sec += (tempo[0] - at) * mpq / 1e6 / ppq;
                at = tempo[0];
                mpq = tempo[1];
            }
            out[i] = sec + (ticks[i] - at) * mpq / 1e6 / ppq;
        }
        return out;
    }

    /**
     * The sequence as mono samples in [-1, 1] at {@link #SAMPLE_RATE}, from time 0 to the last event plus
     * {@link #TAIL_SECONDS}, peak-normalised to −1 dBFS (unless silent). Channel messages (notes, program and
     * control changes, pitch bends) are played; meta and system messages are not.
     */
    public static float[] render(Sequence s) throws IOException {
        record Timed(long tick, int order, ShortMessage msg) {}
        List<Timed> events = new ArrayList<>();
        int n = 0;
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof ShortMessage m && m.getCommand() >= 0x80 && m.getCommand() < 0xF0) {
                    events.add(new Timed(e.getTick(), n++, m));
                }
            }
        }
        events.sort(Comparator.comparingLong(Timed::tick).thenComparingInt(Timed::order));
        long[] ticks = events.stream().mapToLong(Timed::tick).toArray();
        double[] at = seconds(s, ticks);
        double end = (at.length == 0 ? 0 : at[at.length - 1]) + TAIL_SECONDS;
        int frames = (int) Math.ceil(end * SAMPLE_RATE);

        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        Synthesizer synth;
        try {
            synth = MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's software synthesizer is not available: " + e.getMessage(), e);
        }
        try (AudioInputStream audio = openStream(synth, format)) {
            Receiver r = synth.getReceiver();
            for (int i = 0; i < events.size(); i++) r.send(events.get(i).msg(), Math.round(at[i] * 1e6));
            byte[] pcm = audio.readNBytes(frames * 2);
            float[] out = new float[frames];
            float peak = 0;
            for (int i = 0; i < pcm.length / 2; i++) {
                out[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)) / 32768f;
                peak = Math.max(peak, Math.abs(out[i]));
            }
            if (peak > 0) for (int i = 0; i < out.length; i++) out[i] *= PEAK / peak;
            return out;
        } catch (MidiUnavailableException e) {
            throw new IOException("the JDK's software synthesizer is not available: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
    }

    /** Gervill's offline stream (AudioSynthesizer.openStream), reached by reflection: the package is not exported by default. */
    private static AudioInputStream openStream(Synthesizer synth, AudioFormat format) throws IOException {
        try {
            Class<?> audioSynth = Class.forName("com.sun.media.sound.AudioSynthesizer");
            if (!audioSynth.isInstance(synth)) {
                throw new IOException("the default synthesizer (" + synth.getDeviceInfo().getName() + ") cannot render offline");
            }
            Method open = audioSynth.getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synth, format, null);
        } catch (ClassNotFoundException e) {
            throw new IOException("this JDK has no software synthesizer (com.sun.media.sound)", e);
        } catch (IllegalAccessException e) {
            throw new IOException("rendering needs the JVM option --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED "
                    + "(the recur launcher sets it)", e);
        } catch (InvocationTargetException e) {
            throw new IOException("the software synthesizer did not open: " + e.getCause().getMessage(), e.getCause());
        } catch (NoSuchMethodException e) {
            throw new IOException("this JDK's software synthesizer has no offline stream", e);
        }
    }

    /**
     * Plays the sequence on the default MIDI device (a hardware port or the software synthesizer on the
     * default sound output) and returns when it ends. Throws with one line when there is none to play on.
     */
    public static void play(Sequence s) throws IOException {
        Sequencer seq = null;
        try {
            seq = MidiSystem.getSequencer(true);
            seq.open();
            seq.setSequence(s);
            seq.start();
            while (seq.isRunning()) Thread.sleep(50);
            Thread.sleep((long) (TAIL_SECONDS * 1000));
        } catch (MidiUnavailableException | IllegalArgumentException | IllegalStateException | SecurityException e) {
            throw new IOException("no MIDI output device to play on (" + firstLine(e) + ")", e);
        } catch (InvalidMidiDataException e) {
            throw new IOException("the sequence cannot be played: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (seq != null) seq.close();
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }
}
