package dev.recur.midi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds standard MIDI file bytes by hand, so tests control every byte (and can break them). */
final class Smf {
    private final int format;
    private final int ppq;
    private final List<byte[]> tracks = new ArrayList<>();

    Smf(int format, int ppq) {
        this.format = format;
        this.ppq = ppq;
    }

    /** A track from (delta, status, data...) groups; an end-of-track meta event is appended. */
    Smf track(Ev... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Ev e : events) {
            varLen(out, e.delta);
            for (int b : e.bytes) out.write(b);
        }
        varLen(out, 0);
        out.write(0xFF); out.write(0x2F); out.write(0x00);
        tracks.add(out.toByteArray());
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MThd".getBytes());
        u32(out, 6);
        u16(out, format);
        u16(out, tracks.size());
        u16(out, ppq);
        for (byte[] t : tracks) {
            out.writeBytes("MTrk".getBytes());
            u32(out, t.length);
            out.writeBytes(t);
        }
        return out.toByteArray();
    }

    record Ev(long delta, int[] bytes) {}

    static Ev on(long delta, int ch, int pitch, int vel) { return new Ev(delta, new int[] {0x90 | ch, pitch, vel}); }

    static Ev off(long delta, int ch, int pitch) { return new Ev(delta, new int[] {0x80 | ch, pitch, 64}); }

    static Ev tempo(long delta, int mpq) { return new Ev(delta, new int[] {0xFF, 0x51, 3, mpq >> 16 & 0xff, mpq >> 8 & 0xff, mpq & 0xff}); }

    static Ev timeSig(long delta, int num, int denPow) { return new Ev(delta, new int[] {0xFF, 0x58, 4, num, denPow, 24, 8}); }

    static Ev program(long delta, int ch, int program) { return new Ev(delta, new int[] {0xC0 | ch, program}); }

    private static void varLen(ByteArrayOutputStream out, long v) {
        int[] groups = new int[5];
        int n = 0;
        do { groups[n++] = (int) (v & 0x7f); v >>= 7; } while (v > 0);
        for (int i = n - 1; i >= 0; i--) out.write(groups[i] | (i > 0 ? 0x80 : 0));
    }

    private static void u16(ByteArrayOutputStream out, int v) { out.write(v >> 8); out.write(v); }

    private static void u32(ByteArrayOutputStream out, int v) { u16(out, v >>> 16); u16(out, v & 0xffff); }
}
