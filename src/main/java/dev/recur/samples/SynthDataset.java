package dev.recur.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A labelled dataset folder {@code root/<style>/<style>_NN.wav} rendered by {@link StyleSynth}, in the layout
 * every dataset loader reads (GTZAN's). The same spec always gives byte-identical files.
 */
public final class SynthDataset {
    private SynthDataset() {}

    /** What to render: which styles, how many tracks of how many seconds each, from which seed. */
    public record Spec(List<Style> styles, int tracksPerStyle, double seconds, long seed) {
        public Spec {
            styles = List.copyOf(styles);
            if (styles.isEmpty()) throw new IllegalArgumentException("no styles to render");
            if (tracksPerStyle < 1 || tracksPerStyle > 9999) throw new IllegalArgumentException("tracks per style must be 1..9999, got " + tracksPerStyle);
            if (!(seconds > 0 && seconds <= 600)) throw new IllegalArgumentException("clip length must be in (0, 600] s, got " + seconds);
        }

        /** The set committed under {@code samples/genres}: 6 styles × 8 tracks × 2.5 s, seed 2026. */
        public static Spec demo() { return new Spec(List.of(Style.values()), 8, 2.5, 2026); }
    }

    /** The seed of track {@code index} of {@code style}; distinct for every (style, index) of a spec. */
    public static long trackSeed(long seed, Style style, int index) {
        return seed * 1_000_003L + style.ordinal() * 10_000L + index;
    }

    public static String fileName(Style style, int index) {
        return String.format(Locale.ROOT, "%s_%02d.wav", style.label(), index);
    }

    /** Renders and writes every clip (atomically, overwriting); returns the files in writing order. */
    public static List<Path> write(Path root, Spec spec) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Style style : spec.styles()) {
            for (int i = 0; i < spec.tracksPerStyle(); i++) {
                Path file = root.resolve(style.label()).resolve(fileName(style, i));
                float[] clip = StyleSynth.render(style, trackSeed(spec.seed(), style, i), spec.seconds());
                Pcm16WavWriter.write(file, clip, StyleSynth.SAMPLE_RATE);
                files.add(file);
            }
        }
        return files;
    }
}
