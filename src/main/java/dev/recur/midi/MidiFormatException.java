package dev.recur.midi;

import java.io.IOException;

/**
 * A MIDI file Recur cannot use: corrupt, truncated, a tempo of 0, no notes, drums only, ... The message is
 * one line, {@code "<file>: <reason>"}; {@link #reason()} is the reason alone (for skip summaries).
 */
public final class MidiFormatException extends IOException {
    private final String source;
    private final String reason;

    public MidiFormatException(String source, String reason) {
        super(source + ": " + reason);
        this.source = source;
        this.reason = reason;
    }

    public MidiFormatException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file (or other source name) the problem is in. */
    public String source() { return source; }

    /** The problem, without the file name. */
    public String reason() { return reason; }
}
