package dev.recur.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Opens audio files of any supported format as mono streams at a chosen rate. */
public final class AudioFiles {
    private AudioFiles() {}

    /** Extensions treated as audio when scanning folders. WAV is decoded in Java, the rest through ffmpeg. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "wave", "mp3", "ogg", "oga", "flac", "m4a", "aac", "opus", "aif", "aiff", "au");

    public static boolean isAudio(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    static boolean isWav(Path file) {
        String e = extension(file);
        return e.equals("wav") || e.equals("wave");
    }

    static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The audio files under {@code dir} (searched recursively), in path order; hidden files and folders (a
     * name starting with '.', e.g. a cache kept inside a dataset) are left out.
     */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && isAudio(p) && !hidden(dir.relativize(p))).sorted().toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** Opens {@code file} as a mono stream at {@code rate} Hz; WAV through javax.sound, others through ffmpeg. */
    public static MonoStream open(Path file, int rate) throws IOException {
        if (isWav(file)) return ResamplingStream.to(WavDecoder.open(file), rate);
        return FfmpegDecoder.open(file, rate);
    }

    /** Reads a whole file into memory (for short files, tests and plots; feature extraction streams instead). */
    public static float[] readAll(Path file, int rate) throws IOException {
        try (MonoStream s = open(file, rate)) {
            return readAll(s);
        }
    }

    public static float[] readAll(MonoStream s) throws IOException {
        float[] buf = new float[1 << 16];
        int n = 0;
        while (true) {
            if (n == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            int r = s.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return Arrays.copyOf(buf, n);
    }
}
