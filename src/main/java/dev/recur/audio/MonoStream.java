package dev.recur.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A mono stream of float samples in [-1, 1], read block by block so that long files never need to be held
 * in memory at once.
 */
public interface MonoStream extends Closeable {
    /** Samples per second of what {@link #read} returns. */
    int sampleRate();

    /** Name of the source for messages (usually the file name). */
    String source();

    /**
     * Reads up to {@code len} samples into {@code buf[off..]}; returns how many were read, or -1 at the end.
     * Returns at least one sample unless the stream has ended.
     */
    int read(float[] buf, int off, int len) throws IOException;

    /** Reads until {@code len} samples are in {@code buf} or the stream ends; returns the count read. */
    default int readFully(float[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = read(buf, off + total, len - total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }
}
