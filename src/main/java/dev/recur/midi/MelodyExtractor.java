package dev.recur.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes one monophonic line out of a {@link MidiScore}: the highest sounding note at each grid step of one
 * part. By default the part is the busiest non-drum (track, channel) pair; {@link Options} can name a
 * track and/or a channel instead (then all their notes form the part), or {@link #ALL} non-drum notes of
 * the file (the "skyline": in much music the tune is the top line, while the busiest part is often the bass).
 *
 * <p>Quantisation: note starts and ends are rounded to the nearest step (halfway rounds up); a note shorter
 * than a step still lasts one step. A note that starts while a higher one sounds is heard from the step
 * the higher one ends; two notes of the same pitch back to back stay two onsets.
 */
public final class MelodyExtractor {

    /**
     * @param stepsPerQuarter grid resolution (4 = sixteenth notes)
     * @param track           track index to use, -1 for the busiest part, {@link #ALL} for all non-drum notes
     * @param channel         0-based channel to use, or -1 for automatic
     * @param maxSteps        longer melodies are refused (a guard against corrupt tick values)
     */
    public record Options(int stepsPerQuarter, int track, int channel, int maxSteps) {
        public static final Options DEFAULT = new Options(4, -1, -1, 200_000);

        public Options {
            if (stepsPerQuarter <= 0) throw new IllegalArgumentException("steps per quarter must be positive: " + stepsPerQuarter);
        }

        public Options withStepsPerQuarter(int spq) { return new Options(spq, track, channel, maxSteps); }

        public Options withPart(int track, int channel) { return new Options(stepsPerQuarter, track, channel, maxSteps); }
    }

    /** {@code track} value: take the highest note of all non-drum tracks and channels. */
    public static final int ALL = -2;

    private MelodyExtractor() {}

    public static Melody extract(MidiScore score) throws MidiFormatException {
        return extract(score, Options.DEFAULT);
    }

    /** The melody from step 0 of the file (leading silence kept), ending with a NOTE_OFF. */
    public static Melody extract(MidiScore score, Options o) throws MidiFormatException {
        List<Note> part = part(score, o);
        int spq = o.stepsPerQuarter();
        int n = part.size();
        int[] start = new int[n], end = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            Note note = part.get(i);
            long s = toStep(note.startTick(), score.ppq(), spq), e = toStep(note.endTick(), score.ppq(), spq);
            if (e <= s) e = s + 1;
            if (e >= o.maxSteps())
                throw new MidiFormatException(score.source(), "melody too long (a note ends at step " + e
                        + ", limit " + o.maxSteps() + ")");
            start[i] = (int) s;
            end[i] = (int) e;
            length = Math.max(length, end[i]);
        }
        // Highest note per step; at equal pitch the later onset wins, so a repeated note is heard again.
        int[] top = new int[length];
        java.util.Arrays.fill(top, -1);
        for (int i = 0; i < n; i++) {
            int p = part.get(i).pitch();
            for (int s = start[i]; s < end[i]; s++) {
                int cur = top[s];
                if (cur < 0 || p > part.get(cur).pitch() || (p == part.get(cur).pitch() && start[i] >= start[cur])) top[s] = i;
            }
        }
        int[] events = new int[length + 1];
        int prev = -1;
        for (int s = 0; s <= length; s++) {
            int cur = s < length ? top[s] : -1;
            if (cur < 0) events[s] = prev >= 0 ? Melody.NOTE_OFF : Melody.NO_EVENT;
            else if (cur != prev) events[s] = part.get(cur).pitch();
            else events[s] = Melody.NO_EVENT;
            prev = cur;
        }
        return new Melody(events, spq);
    }

    /** Nearest grid step of a tick, halfway rounding up. */
    public static long toStep(long tick, int ppq, int stepsPerQuarter) {
        return Math.floorDiv(2 * tick * stepsPerQuarter + ppq, 2L * ppq);
    }

    /** The notes the melody is taken from; throws a per-file message when there are none. */
    static List<Note> part(MidiScore score, Options o) throws MidiFormatException {
        List<Note> pitched = new ArrayList<>();
        for (Note n : score.notes()) if (!n.isDrum() || o.channel() == MidiScore.DRUM_CHANNEL) pitched.add(n);
        if (pitched.isEmpty()) {
            if (score.drumNotes() > 0)
                throw new MidiFormatException(score.source(), "only drum notes (channel 10), no melody");
            throw new MidiFormatException(score.source(), "no notes");
        }
        if (o.track() == ALL && o.channel() < 0) return pitched;
        if (o.track() >= 0 || o.channel() >= 0) {
            List<Note> chosen = new ArrayList<>();
            for (Note n : pitched)
                if ((o.track() < 0 || n.track() == o.track()) && (o.channel() < 0 || n.channel() == o.channel())) chosen.add(n);
            if (chosen.isEmpty())
                throw new MidiFormatException(score.source(), "no notes in " + describe(o.track(), o.channel()));
            return chosen;
        }
        Map<Integer, List<Note>> parts = new TreeMap<>();   // key track * 16 + channel: ties go to the lower
        for (Note n : pitched) parts.computeIfAbsent(n.track() * 16 + n.channel(), k -> new ArrayList<>()).add(n);
        List<Note> busiest = List.of();
        for (List<Note> p : parts.values()) if (p.size() > busiest.size()) busiest = p;
        return busiest;
    }

    private static String describe(int track, int channel) {
        String t = track >= 0 ? "track " + track : "";
        String c = channel >= 0 ? "channel " + (channel + 1) : "";
        return t.isEmpty() ? c : c.isEmpty() ? t : t + ", " + c;
    }
}
