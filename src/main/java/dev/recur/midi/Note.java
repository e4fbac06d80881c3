package dev.recur.midi;

/**
 * One sounding note read from (or written to) a MIDI file. Ticks are in the file's resolution (PPQ);
 * {@code endTick >= startTick}. Channel is 0-based (channel 10 of the MIDI spec, drums, is 9).
 */
public record Note(long startTick, long endTick, int pitch, int velocity, int channel, int track) {
    public Note {
        if (endTick < startTick) throw new IllegalArgumentException("note ends before it starts: " + startTick + ".." + endTick);
        if (pitch < 0 || pitch > 127) throw new IllegalArgumentException("pitch out of MIDI range: " + pitch);
    }

    public long durationTicks() { return endTick - startTick; }

    public boolean isDrum() { return channel == MidiScore.DRUM_CHANNEL; }
}
