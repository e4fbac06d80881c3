package dev.recur.samples;

import dev.recur.midi.Key;
import java.util.Random;

/**
 * Renders short mono clips in clearly different {@link Style}s at 22050 Hz, deterministically from a seed:
 * the same (style, seed, seconds) gives the same samples on every JVM (only {@link StrictMath} and
 * {@link Random}, whose algorithms are specified). Key, scale, tempo, timbre details, loudness and a light
 * noise floor (28–40 dB below the signal) vary per seed so that a classifier has to generalise.
 */
public final class StyleSynth {
    private StyleSynth() {}

    public static final int SAMPLE_RATE = 22050;
    private static final double SR = SAMPLE_RATE;
    private static final double TWO_PI = 2 * StrictMath.PI;
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    /** Chord roots as scale degrees: I, IV, V, vi. */
    private static final int[] PROGRESSION = {0, 3, 4, 5};

    /** Samples in [-1, 1], {@code round(seconds * 22050)} of them. */
    public static float[] render(Style style, long seed, double seconds) {
        if (!(seconds > 0 && seconds <= 600)) throw new IllegalArgumentException("clip length must be in (0, 600] s, got " + seconds);
        double[] x = new double[(int) Math.round(seconds * SR)];
        Random r = new Random(mix(seed));
        Key key = new Key(48 + r.nextInt(12), r.nextBoolean() ? MAJOR : MINOR);
        switch (style) {
            case PIANO -> piano(x, r, key);
            case ORGAN -> organ(x, r, key);
            case DRUMS -> drums(x, r);
            case STRINGS -> strings(x, r, key);
            case AMBIENT -> ambient(x, r);
            case CHIPTUNE -> chiptune(x, r, key);
        }
        return finish(x, r);
    }

    /** SplitMix64's finaliser: neighbouring seeds give unrelated streams. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private record Key(int root, int[] scale) {
        /** MIDI note of a scale degree (any integer; 7 = one octave up). */
        int note(int degree) {
            return root + 12 * Math.floorDiv(degree, 7) + scale[Math.floorMod(degree, 7)];
        }
    }

    static double hz(double midi) { return 440 * StrictMath.pow(2, (midi - 69) / 12); }

    private static double uniform(Random r, double lo, double hi) { return lo + (hi - lo) * r.nextDouble(); }

    // ---------------------------------------------------------------- piano

    private static void piano(double[] x, Random r, Key key) {
        double beat = 60 / uniform(r, 56, 96);
        double tau0 = uniform(r, 0.35, 0.8);          // decay of the fundamental
        double inharm = uniform(r, 1e-4, 6e-4);       // string stiffness
        double brightness = uniform(r, 1.0, 1.6);     // partial k has amplitude k^-brightness
        int degree = 7 + r.nextInt(7);
        double dur = x.length / SR;
        for (double t = 0; t < dur; t += (r.nextDouble() < 0.6 ? 1 : 2) * beat) {
            degree = Math.clamp(degree + r.nextInt(5) - 2, 4, 16);
            double vel = uniform(r, 0.55, 1.0);
            pianoNote(x, t, hz(key.note(degree)), vel, tau0, inharm, brightness);
            if (r.nextDouble() < 0.3) pianoNote(x, t, hz(key.note(degree - 2)), 0.7 * vel, tau0, inharm, brightness);
        }
        for (double t = 0; t < dur; t += 2 * beat) {
            pianoNote(x, t, hz(key.note(r.nextBoolean() ? 0 : 4)), 0.5, 1.5 * tau0, inharm, brightness);
        }
    }

    private static void pianoNote(double[] x, double start, double f, double vel, double tau0, double inharm, double brightness) {
        int i0 = (int) Math.round(start * SR);
        int len = Math.min(x.length - i0, (int) (5 * tau0 * SR));
        for (int k = 1; k <= 12; k++) {
            double fk = f * k * StrictMath.sqrt(1 + inharm * k * k);
            if (fk > 0.45 * SR) break;
            double amp = vel / StrictMath.pow(k, brightness);
            double decay = StrictMath.exp(-1 / (SR * tau0 / (1 + 0.5 * (k - 1))));
            double attack = StrictMath.exp(-1 / (SR * 0.004));
            Osc osc = new Osc(fk);
            double env = amp, rise = 1;
            for (int i = 0; i < len; i++) {
                rise *= attack;
                x[i0 + i] += env * (1 - rise) * osc.next();
                env *= decay;
            }
        }
    }

    // ---------------------------------------------------------------- organ

    private static void organ(double[] x, Random r, Key key) {
        double beat = 60 / uniform(r, 60, 110);
        int[] harmonics = {1, 2, 3, 4, 6, 8};
        double[] drawbar = {1, 0.7, 0.5, 0.45, 0.3, 0.2};
        for (int h = 0; h < drawbar.length; h++) drawbar[h] *= uniform(r, 0.5, 1.3);
        int octave = r.nextBoolean() ? 0 : 7;
        double dur = x.length / SR;
        for (double t = 0; t < dur; ) {
            double len = (2 + r.nextInt(3)) * beat;
            int d = PROGRESSION[r.nextInt(PROGRESSION.length)] + octave;
            for (int v : new int[] {d, d + 2, d + 4, d + 7}) {
                double f = hz(key.note(v));
                for (int h = 0; h < harmonics.length; h++) {
                    if (f * harmonics[h] > 0.45 * SR) break;
                    tone(x, t, len, f * harmonics[h], 0.25 * drawbar[h], 0.012, 0.02);
                }
            }
            t += len;
        }
    }

    /** A sine at constant amplitude with linear attack and release ramps (release starts at start+len). */
    private static void tone(double[] x, double start, double len, double f, double amp, double attack, double release) {
        int i0 = (int) Math.round(start * SR);
        int n = Math.min(x.length - i0, (int) ((len + release) * SR));
        int nOn = (int) (len * SR), nA = (int) (attack * SR), nR = (int) (release * SR);
        Osc osc = new Osc(f);
        for (int i = 0; i < n; i++) {
            double env = i < nA ? (double) i / nA : i < nOn ? 1 : 1 - (double) (i - nOn) / nR;
            x[i0 + i] += amp * env * osc.next();
        }
    }

    // ---------------------------------------------------------------- drums

    private static void drums(double[] x, Random r) {
        double step = 60 / uniform(r, 110, 175) / 4;
        boolean[] kick = new boolean[16], snare = new boolean[16], hat = new boolean[16];
        kick[0] = kick[8] = true;
        snare[4] = snare[12] = true;
        boolean hatEvery = r.nextBoolean();
        for (int s = 0; s < 16; s++) {
            if (r.nextDouble() < 0.2 && s % 4 != 0) kick[s] = true;
            if (r.nextDouble() < 0.12 && !snare[s]) snare[s] = true;
            hat[s] = hatEvery || s % 2 == 0;
        }
        double kickLow = uniform(r, 42, 60), kickSweep = uniform(r, 80, 140);
        double snareTone = uniform(r, 160, 240);
        double dur = x.length / SR;
        int s = 0;
        for (double t = 0; t < dur; t += step, s = (s + 1) % 16) {
            double vel = uniform(r, 0.75, 1.0);
            if (kick[s]) kick(x, t, vel, kickLow, kickSweep);
            if (snare[s]) snare(x, t, vel * (s % 4 == 0 ? 1 : 0.5), snareTone, r);
            if (hat[s]) hat(x, t, vel * (s % 2 == 0 ? 0.35 : 0.22), r);
        }
    }

    private static void kick(double[] x, double start, double vel, double low, double sweep) {
        int i0 = (int) Math.round(start * SR), n = Math.min(x.length - i0, (int) (0.35 * SR));
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / SR;
            phase += TWO_PI * (low + sweep * StrictMath.exp(-t / 0.03)) / SR;
            x[i0 + i] += vel * StrictMath.exp(-t / 0.12) * StrictMath.sin(phase);
        }
    }

    private static void snare(double[] x, double start, double vel, double toneHz, Random r) {
        int i0 = (int) Math.round(start * SR), n = Math.min(x.length - i0, (int) (0.25 * SR));
        Osc osc = new Osc(toneHz);
        for (int i = 0; i < n; i++) {
            double t = i / SR;
            x[i0 + i] += vel * (0.45 * r.nextGaussian() * StrictMath.exp(-t / 0.06)
                    + 0.5 * osc.next() * StrictMath.exp(-t / 0.04));
        }
    }

    private static void hat(double[] x, double start, double vel, Random r) {
        int i0 = (int) Math.round(start * SR), n = Math.min(x.length - i0, (int) (0.08 * SR));
        double prev = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            x[i0 + i] += vel * 0.5 * (w - prev) * StrictMath.exp(-i / SR / 0.018);   // first difference: high-passed
            prev = w;
        }
    }

    // ---------------------------------------------------------------- strings

    private static void strings(double[] x, Random r, Key key) {
        double detuneCents = uniform(r, 6, 14);
        double vibRate = uniform(r, 4.5, 6.2), vibCents = uniform(r, 10, 25);
        double attack = uniform(r, 0.25, 0.6), release = 0.4;
        double dur = x.length / SR;
        for (double t = 0; t < dur; ) {
            double len = uniform(r, 1.2, 2.5);
            int d = PROGRESSION[r.nextInt(PROGRESSION.length)];
            for (int v : new int[] {d, d + 2, d + 4, d + 7}) {
                double vibPhase = uniform(r, 0, TWO_PI);
                for (int c = -1; c <= 1; c++) {
                    saw(x, t, len, hz(key.note(v) + c * detuneCents / 100), 0.12, attack, release,
                            vibRate, vibCents, vibPhase, r.nextDouble());
                }
            }
            t += len;
        }
        onePoleLowPass(x, uniform(r, 1500, 3500));
    }

    /** Band-limited (PolyBLEP) sawtooth with vibrato and linear attack/release. */
    private static void saw(double[] x, double start, double len, double f, double amp, double attack, double release,
                            double vibRate, double vibCents, double vibPhase, double phase0) {
        int i0 = (int) Math.round(start * SR);
        int n = Math.min(x.length - i0, (int) ((len + release) * SR));
        int nOn = (int) (len * SR), nA = (int) (attack * SR), nR = (int) (release * SR);
        double p = phase0, vibDepth = vibCents / 1200 * StrictMath.log(2);
        Osc vib = new Osc(vibRate, vibPhase);
        for (int i = 0; i < n; i++) {
            double dt = f * (1 + vibDepth * vib.next()) / SR;
            double y = 2 * p - 1 - polyBlep(p, dt);
            double env = i < nA ? (double) i / nA : i < nOn ? 1 : Math.max(0, 1 - (double) (i - nOn) / nR);
            x[i0 + i] += amp * env * y;
            p += dt;
            if (p >= 1) p -= 1;
        }
    }

    private static double polyBlep(double t, double dt) {
        if (t < dt) { t /= dt; return t + t - t * t - 1; }
        if (t > 1 - dt) { t = (t - 1) / dt; return t * t + t + t + 1; }
        return 0;
    }

    private static void onePoleLowPass(double[] x, double cutoffHz) {
        double a = 1 - StrictMath.exp(-TWO_PI * cutoffHz / SR), y = 0;
        for (int i = 0; i < x.length; i++) x[i] = y += a * (x[i] - y);
    }

    // ---------------------------------------------------------------- ambient

    private static void ambient(double[] x, Random r) {
        boolean pink = r.nextBoolean();
        double swellHz = uniform(r, 0.15, 0.5), swellPhase = uniform(r, 0, TWO_PI);
        double sweepHz = uniform(r, 0.05, 0.3), sweepPhase = uniform(r, 0, TWO_PI);
        double lo = uniform(r, 250, 600), hi = uniform(r, 1500, 4000);
        double b0 = 0, b1 = 0, b2 = 0, brown = 0, lp = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / SR, w = r.nextGaussian(), v;
            if (pink) {   // Paul Kellet's economy pink filter
                b0 = 0.99765 * b0 + w * 0.0990460;
                b1 = 0.96300 * b1 + w * 0.2965164;
                b2 = 0.57000 * b2 + w * 1.0526913;
                v = (b0 + b1 + b2 + w * 0.1848) * 0.2;
            } else {
                brown = 0.997 * brown + 0.06 * w;
                v = brown;
            }
            double cutoff = lo + (hi - lo) * (0.5 - 0.5 * StrictMath.cos(TWO_PI * sweepHz * t + sweepPhase));
            lp += (1 - StrictMath.exp(-TWO_PI * cutoff / SR)) * (v - lp);
            double swell = 0.3 + 0.7 * (0.5 - 0.5 * StrictMath.cos(TWO_PI * swellHz * t + swellPhase));
            x[i] = swell * lp;
        }
    }

    // ---------------------------------------------------------------- chiptune

    private static void chiptune(double[] x, Random r, Key key) {
        double beat = 60 / uniform(r, 120, 180);
        double step = beat / (r.nextBoolean() ? 4 : 6);
        double duty = new double[] {0.125, 0.25, 0.5}[r.nextInt(3)];
        int pattern = r.nextInt(3);   // up, up-down, random
        double dur = x.length / SR;
        int[] chord = {0, 2, 4, 7};
        int perHalfBeat = (int) Math.round(beat / 2 / step), perChord = (int) Math.round(2 * beat / step);
        int d = 0, k = 0;
        for (double t = 0; t < dur; t += step, k++) {
            if (k % perChord == 0) d = PROGRESSION[r.nextInt(PROGRESSION.length)];
            int idx = switch (pattern) {
                case 0 -> k % 4;
                case 1 -> new int[] {0, 1, 2, 3, 2, 1}[k % 6];
                default -> r.nextInt(4);
            };
            pulse(x, t, 0.85 * step, hz(key.note(d + chord[idx] + 7)), duty, 0.3);
            if (k % perHalfBeat == 0) {
                pulse(x, t, 0.45 * beat, hz(key.note(d - 7)), 0.5, 0.25);
            }
        }
    }

    /** A naive (aliasing, as the chips did) pulse wave with its DC removed. */
    private static void pulse(double[] x, double start, double len, double f, double duty, double amp) {
        int i0 = (int) Math.round(start * SR), n = Math.min(x.length - i0, (int) (len * SR));
        double p = 0, dt = f / SR;
        for (int i = 0; i < n; i++) {
            x[i0 + i] += amp * ((p < duty ? 1 : -1) - (2 * duty - 1));
            p += dt;
            if (p >= 1) p -= 1;
        }
    }

    // ---------------------------------------------------------------- common

    /** Adds the noise floor and sets the peak to a random loudness between -12 and -1 dBFS. */
    private static float[] finish(double[] x, Random r) {
        double ss = 0;
        for (double v : x) ss += v * v;
        double rms = StrictMath.sqrt(ss / Math.max(1, x.length));
        double noise = rms * StrictMath.pow(10, -uniform(r, 28, 40) / 20);
        double peak = 1e-12;
        for (int i = 0; i < x.length; i++) {
            x[i] += noise * r.nextGaussian();
            peak = Math.max(peak, Math.abs(x[i]));
        }
        double gain = StrictMath.pow(10, -uniform(r, 1, 12) / 20) / peak;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) (x[i] * gain);
        return out;
    }

    /** A sine oscillator by complex rotation: cheap, and deterministic like everything here. */
    private static final class Osc {
        private final double cw, sw;
        private double c, s;

        Osc(double f) { this(f, 0); }

        Osc(double f, double phase) {
            cw = StrictMath.cos(TWO_PI * f / SR);
            sw = StrictMath.sin(TWO_PI * f / SR);
            c = StrictMath.cos(phase);
            s = StrictMath.sin(phase);
        }

        double next() {
            double out = s;
            double c2 = c * cw - s * sw;
            s = s * cw + c * sw;
            c = c2;
            return out;
        }
    }
}
