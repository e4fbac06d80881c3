package dev.recur.data;

import dev.recur.files.AtomicFiles;
import dev.recur.files.Sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Extracted features on disk, one binary file per (file content, settings) pair. The name is the SHA-256 of
 * the audio bytes plus a hash of the settings text, so an edited file or a changed setting simply misses
 * and is recomputed; the settings text is also stored inside and checked on read.
 *
 * <p>Format (little-endian): magic "RCFC", version int, settings key (int length + UTF-8), seconds double,
 * segments int, frames int, dims int, then segments*frames*dims floats.
 */
public final class FeatureCache {
    private static final int MAGIC = 0x43464352; // "RCFC" little-endian
    private static final int VERSION = 1;

    private final Path dir;

    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** {@code $XDG_CACHE_HOME/recur/features}, else {@code ~/.cache/recur/features}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("recur").resolve("features");
    }

    public Path dir() { return dir; }

    /** Where the features of {@code file} under {@code settingsKey} live (whether or not they exist yet). */
    public Path entry(Path file, String settingsKey) throws IOException {
        String content = contentHash(file);
        String settings = HexFormat.of().formatHex(sha256().digest(settingsKey.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        return dir.resolve(content.substring(0, 2)).resolve(content + "-" + settings + ".rcfc");
    }

    /** Cached features, or null on a miss (absent, other settings, or unreadable entry). */
    public TrackFeatures get(Path file, String settingsKey) throws IOException {
        return read(entry(file, settingsKey), file, settingsKey);
    }

    /** Reads an entry found with {@link #entry}; null when it is absent or unreadable. */
    public TrackFeatures read(Path e, Path file, String settingsKey) {
        if (!Files.isRegularFile(e)) return null;
        try {
            return decode(ByteBuffer.wrap(Files.readAllBytes(e)).order(ByteOrder.LITTLE_ENDIAN), file.toString(), settingsKey);
        } catch (RuntimeException | IOException broken) {
            return null; // a damaged entry is recomputed and overwritten
        }
    }

    public void put(Path file, String settingsKey, TrackFeatures f) throws IOException {
        write(entry(file, settingsKey), settingsKey, f);
    }

    /** Writes an entry atomically ({@link AtomicFiles}), so a reader never sees half an entry. */
    public void write(Path e, String settingsKey, TrackFeatures f) throws IOException {
        byte[] key = settingsKey.getBytes(StandardCharsets.UTF_8);
        int segs = f.segments().length, frames = f.segments()[0].length, dims = frames == 0 ? 0 : f.segments()[0][0].length;
        ByteBuffer b = ByteBuffer.allocate(4 * 3 + key.length + 8 + 12 + 4 * segs * frames * dims).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(key.length).put(key).putDouble(f.seconds()).putInt(segs).putInt(frames).putInt(dims);
        for (float[][] s : f.segments()) for (float[] row : s) for (float v : row) b.putFloat(v);
        AtomicFiles.write(e, out -> out.write(b.array()));
    }

    private static TrackFeatures decode(ByteBuffer b, String file, String settingsKey) throws IOException {
        if (b.getInt() != MAGIC || b.getInt() != VERSION) throw new IOException("not a feature cache entry");
        byte[] key = new byte[b.getInt()];
        b.get(key);
        if (!settingsKey.equals(new String(key, StandardCharsets.UTF_8))) throw new IOException("other settings");
        double seconds = b.getDouble();
        int segs = b.getInt(), frames = b.getInt(), dims = b.getInt();
        if (segs < 1 || frames < 0 || dims < 0 || b.remaining() != 4L * segs * frames * dims) throw new IOException("bad size");
        float[][][] out = new float[segs][frames][dims];
        java.nio.FloatBuffer fb = b.asFloatBuffer();
        for (float[][] s : out) for (float[] row : s) fb.get(row);
        return new TrackFeatures(file, seconds, out);
    }

    static String contentHash(Path file) throws IOException { return Sha256.file(file); }

    private static MessageDigest sha256() { return Sha256.digest(); }
}
