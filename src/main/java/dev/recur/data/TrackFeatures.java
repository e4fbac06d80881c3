package dev.recur.data;

/**
 * Features of one audio file.
 *
 * @param file     the file as named by the caller
 * @param seconds  length of the decoded audio
 * @param segments {@code [segment][frame][dim]}; every segment has the same frame count
 */
public record TrackFeatures(String file, double seconds, float[][][] segments) {
    public int frames() {
        int n = 0;
        for (float[][] s : segments) n += s.length;
        return n;
    }

    /** All frames of all segments in order, {@code [frames][dim]} (for plots). */
    public float[][] concatenated() {
        float[][] out = new float[frames()][];
        int i = 0;
        for (float[][] s : segments) for (float[] row : s) out[i++] = row;
        return out;
    }
}
