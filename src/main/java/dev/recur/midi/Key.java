package dev.recur.midi;

/**
 * A musical key: tonic pitch class (0 = C) and mode. {@link #estimate} is the Krumhansl–Schmuckler key
 * finder: correlate the melody's duration-weighted pitch-class histogram with the Krumhansl–Kessler major
 * and minor profiles in all 12 rotations.
 */
public record Key(int tonic, boolean minor) {
    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    public Key {
        if (tonic < 0 || tonic > 11) throw new IllegalArgumentException("tonic pitch class must be 0..11: " + tonic);
    }

    /** E.g. "G major", "F# minor". */
    public String name() { return NoteText.pitchClassName(tonic) + (minor ? " minor" : " major"); }

    /** Semitones (in -6..5) that move this key to C major, or to A minor for a minor key. */
    public int shiftToC() {
        int target = minor ? 9 : 0;
        int shift = Math.floorMod(target - tonic, 12);
        return shift > 5 ? shift - 12 : shift;
    }

    /**
     * The most likely key of a melody (C major for a melody without notes). Transposing the melody moves the
     * answer with it, exactly: the correlations are summed from each candidate tonic on (so a rotated
     * histogram gives bit-identical values), and ties go to the first candidate counted from the melody's
     * first pitch class (a rule that moves with the melody too).
     */
    public static Key estimate(Melody melody) {
        double[] hist = new double[12];
        int pitch = -1, first = -1;
        for (int i = 0; i < melody.length(); i++) {
            int e = melody.event(i);
            if (e >= 0) { pitch = e; if (first < 0) first = e % 12; }
            else if (e == Melody.NOTE_OFF) pitch = -1;
            if (pitch >= 0) hist[pitch % 12]++;
        }
        if (first < 0) return new Key(0, false);
        Key best = null;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int mode = 0; mode < 2; mode++) {
            for (int i = 0; i < 12; i++) {
                int tonic = (first + i) % 12;
                double r = correlation(hist, mode == 0 ? MAJOR : MINOR, tonic);
                if (best == null || r > bestR) { bestR = r; best = new Key(tonic, mode == 1); }
            }
        }
        return best;
    }

    private static double correlation(double[] hist, double[] profile, int tonic) {
        double mh = 0, mp = 0;
        for (int i = 0; i < 12; i++) { mh += hist[(tonic + i) % 12]; mp += profile[i]; }
        mh /= 12;
        mp /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 12; i++) {
            double x = hist[(tonic + i) % 12] - mh, y = profile[i] - mp;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
