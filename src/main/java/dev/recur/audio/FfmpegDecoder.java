package dev.recur.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes any format ffmpeg knows (mp3, ogg, flac, m4a, ...) by piping {@code ffmpeg -f f32le -ac 1 -ar RATE}:
 * ffmpeg does the mixing to mono and the resampling, we read little-endian floats from its stdout.
 */
public final class FfmpegDecoder implements MonoStream {
    private final String name;
    private final Process process;
    private final InputStream out;
    private final int rate;
    private final byte[] bytes = new byte[4 * 8192];
    private final Thread stderrPump;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private long samples;
    private int pending; // bytes of a partial float carried over between reads

    private FfmpegDecoder(String name, Process process, int rate) {
        this.name = name;
        this.process = process;
        this.rate = rate;
        this.out = new BufferedInputStream(process.getInputStream(), 1 << 16);
        InputStream err = process.getErrorStream();
        this.stderrPump = Thread.ofVirtual().start(() -> {
            try { err.transferTo(stderr); } catch (IOException ignored) { /* process ended */ }
        });
    }

    /** Path of the ffmpeg executable on the PATH, or null when there is none. */
    public static Path find() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    public static FfmpegDecoder open(Path file, int rate) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new IOException(name + ": no such file");
        if (Files.size(file) == 0) throw new IOException(name + ": empty file (0 bytes)");
        Path ffmpeg = find();
        if (ffmpeg == null) {
            throw new IOException(name + ": decoding " + extension(file) + " needs ffmpeg on the PATH (not found); "
                    + "install ffmpeg or convert the file to WAV");
        }
        List<String> cmd = List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-vn", "-f", "f32le", "-acodec", "pcm_f32le", "-ac", "1", "-ar", Integer.toString(rate), "-");
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close(); // -nostdin: ffmpeg reads nothing from us
        return new FfmpegDecoder(name, p, rate);
    }

    static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "this file" : n.substring(dot + 1).toLowerCase() + " files";
    }

    @Override public int sampleRate() { return rate; }
    @Override public String source() { return name; }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        int want = Math.min(len, bytes.length / 4) * 4;
        int got = pending;
        while (got < 4) {
            int n = out.read(bytes, got, want - got);
            if (n < 0) {
                finish();
                return -1;
            }
            got += n;
        }
        int floats = got / 4;
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < floats; i++) {
            float v = bb.getFloat();
            buf[off + i] = Float.isFinite(v) ? v : 0f;
        }
        pending = got - floats * 4;
        System.arraycopy(bytes, floats * 4, bytes, 0, pending);
        samples += floats;
        return floats;
    }

    private void finish() throws IOException {
        int code;
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + ": ffmpeg did not finish");
            }
            code = process.exitValue();
            stderrPump.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted while decoding");
        }
        if (code != 0 || samples == 0) {
            String msg = firstLine(stderr.toString().replace(name + ": ", ""));
            throw new IOException(name + ": ffmpeg could not decode it"
                    + (msg.isEmpty() ? (samples == 0 ? " (no audio samples)" : " (exit code " + code + ")") : " (" + msg + ")"));
        }
    }

    private static String firstLine(String s) {
        for (String line : s.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) return t.length() > 160 ? t.substring(0, 160) + "..." : t;
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) process.destroy();
        out.close();
    }
}
