package dev.recur.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes a WAV file through javax.sound.sampled into mono floats at the file's own sample rate: 8-bit
 * unsigned and 8/16/24/32-bit signed PCM (either byte order), 32/64-bit float, any channel count (averaged).
 * A file whose data ends before its header says is reported as truncated rather than silently cut.
 */
public final class WavDecoder implements MonoStream {
    private static final int BLOCK_FRAMES = 4096;
    /** More channels than any real recording has; bounds the decode buffers. */
    static final int MAX_CHANNELS = 64;

    private final String name;
    private final AudioInputStream in;
    private final AudioFormat.Encoding encoding;
    private final int channels, bytesPerSample, frameSize, rate;
    private final boolean bigEndian;
    private final long declaredFrames;
    private final byte[] bytes;
    private long framesRead;

    private WavDecoder(String name, AudioInputStream in) {
        this.name = name;
        this.in = in;
        AudioFormat f = in.getFormat();
        this.encoding = f.getEncoding();
        this.channels = f.getChannels();
        this.bytesPerSample = f.getSampleSizeInBits() / 8;
        this.frameSize = f.getFrameSize();
        this.bigEndian = f.isBigEndian();
        this.rate = Math.round(f.getSampleRate());
        long declared = in.getFrameLength();
        // Streaming writers (ffmpeg to a pipe, recorders) put 0xFFFFFFFF in the size fields: length unknown.
        boolean unknown = declared >= Integer.MAX_VALUE || (declared + 1) * (long) frameSize > 0xFFFFFFFFL;
        this.declaredFrames = unknown ? AudioSystem.NOT_SPECIFIED : declared;
        this.bytes = new byte[BLOCK_FRAMES * frameSize];
    }

    /** Opens {@code file}; the message of any exception names the file and the problem. */
    public static WavDecoder open(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new IOException(name + ": no such file");
        if (Files.size(file) == 0) throw new IOException(name + ": empty file (0 bytes)");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        AudioInputStream ais;
        try {
            ais = AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            raw.close();
            throw new IOException(name + ": not a readable WAV file (bad or unsupported header)");
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw new IOException(name + ": corrupt WAV header (" + e.getMessage() + ")");
        }
        AudioFormat header = ais.getFormat();
        if (header.getChannels() < 1 || header.getChannels() > MAX_CHANNELS
                || header.getSampleSizeInBits() < 1 || header.getSampleSizeInBits() > 64) {
            // checked before any conversion: javax.sound sizes its buffers by the frame size and runs out of memory
            ais.close();
            throw new IOException(name + ": unsupported WAV format: " + header.getChannels() + " channels of "
                    + header.getSampleSizeInBits() + "-bit samples (at most " + MAX_CHANNELS + " channels, 8..64 bits)");
        }
        try {
            ais = toSupported(name, ais);
        } catch (IOException e) {
            ais.close();
            throw e;
        }
        AudioFormat f = ais.getFormat();
        if (f.getChannels() < 1 || f.getSampleRate() <= 0 || f.getSampleRate() > 1_000_000) {
            ais.close();
            throw new IOException(name + ": invalid WAV format " + f);
        }
        if (ais.getFrameLength() == 0) {
            ais.close();
            throw new IOException(name + ": no audio samples (zero-length data)");
        }
        return new WavDecoder(name, ais);
    }

    /** Keeps PCM/float formats we convert ourselves; asks javax to convert anything else (mu-law, A-law) to 16-bit PCM. */
    private static AudioInputStream toSupported(String name, AudioInputStream ais) throws IOException {
        AudioFormat f = ais.getFormat();
        AudioFormat.Encoding e = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        boolean ok = (e.equals(AudioFormat.Encoding.PCM_SIGNED) && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (e.equals(AudioFormat.Encoding.PCM_UNSIGNED) && bits == 8)
                || (e.equals(AudioFormat.Encoding.PCM_FLOAT) && (bits == 32 || bits == 64));
        if (ok && f.getFrameSize() == f.getChannels() * bits / 8) return ais;
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16,
                f.getChannels(), 2 * f.getChannels(), f.getSampleRate(), false);
        if (!AudioSystem.isConversionSupported(target, f)) {
            throw new IOException(name + ": unsupported WAV encoding " + e + " " + bits + "-bit");
        }
        return AudioSystem.getAudioInputStream(target, ais);
    }

    @Override public int sampleRate() { return rate; }
    @Override public String source() { return name; }
    public int channels() { return channels; }
    /** Frames (samples per channel) the header declares, or -1 when unknown (streamed WAV). */
    public long declaredFrames() { return declaredFrames; }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        int want = Math.min(len, BLOCK_FRAMES) * frameSize;
        int got = 0;
        while (got < want) {
            int n;
            try {
                n = in.read(bytes, got, want - got);
            } catch (IOException | RuntimeException e) {
                throw new IOException(name + ": corrupt audio data (" + e.getMessage() + ")");
            }
            if (n < 0) break;
            got += n;
            if (got % frameSize == 0 && got > 0) break;
        }
        int frames = got / frameSize;
        if (frames == 0) {
            checkComplete();
            if (framesRead == 0) throw new IOException(name + ": no audio samples");
            return -1;
        }
        convert(bytes, frames, buf, off);
        framesRead += frames;
        return frames;
    }

    private void checkComplete() throws IOException {
        if (declaredFrames != AudioSystem.NOT_SPECIFIED && framesRead < declaredFrames) {
            throw new IOException(name + ": truncated: header declares " + declaredFrames
                    + " samples, the file holds " + framesRead);
        }
    }

    private void convert(byte[] b, int frames, float[] out, int off) {
        if (bytesPerSample == 2 && !bigEndian && encoding.equals(AudioFormat.Encoding.PCM_SIGNED)) {
            convert16(b, frames, out, off); // the common case, without the per-sample format branches
            return;
        }
        float inv = 1f / channels;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) sum += sample(b, p);
            out[off + i] = sum * inv;
        }
    }

    private void convert16(byte[] b, int frames, float[] out, int off) {
        float scale = 1f / (32768f * channels);
        int p = 0;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, p += 2) sum += (short) ((b[p] & 0xff) | (b[p + 1] << 8));
            out[off + i] = sum * scale;
        }
    }

    private float sample(byte[] b, int p) {
        if (encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)) return ((b[p] & 0xff) - 128) / 128f;
        long bitsValue = 0;
        for (int k = 0; k < bytesPerSample; k++) {
            int idx = bigEndian ? p + k : p + bytesPerSample - 1 - k;
            bitsValue = (bitsValue << 8) | (b[idx] & 0xff);
        }
        if (encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            double v = bytesPerSample == 4 ? Float.intBitsToFloat((int) bitsValue) : Double.longBitsToDouble(bitsValue);
            // float WAVs are nominally in [-1, 1]; clip anything beyond (and NaN) so no Inf/NaN reaches the features
            return v >= -1 && v <= 1 ? (float) v : v > 1 ? 1f : v < -1 ? -1f : 0f;
        }
        int shift = 64 - 8 * bytesPerSample;
        long signed = (bitsValue << shift) >> shift;
        return (float) (signed / (double) (1L << (8 * bytesPerSample - 1)));
    }

    @Override public void close() throws IOException { in.close(); }
}
