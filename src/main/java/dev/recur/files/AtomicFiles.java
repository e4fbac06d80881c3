package dev.recur.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to a temp
 * file in the same folder, are forced to disk, and the temp file is renamed over the target.
 *
 * <p>A base package with no dependencies of its own, so every layer (audio, midi, data, io, plot, cli)
 * writes files the same way.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Body of an atomic write. Closing the stream (e.g. by a try-with-resources writer) only flushes it. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer body) throws IOException {
        Path tmp = stage(target, body);
        commit(tmp, target);
    }

    /**
     * First half of an atomic write: the complete bytes in a forced temp file next to {@code target}.
     * Finish with {@link #commit}, or {@link #discard} on failure. Staging several files before committing
     * any keeps the window in which a reader could see a mixed set as small as possible.
     */
    public static Path stage(Path target, Writer body) throws IOException {
        try (Output o = open(target)) {
            body.write(o.stream());
            return o.finish();
        }
    }

    /**
     * A streaming atomic write, for output produced piece by piece (e.g. CSV rows as files are processed):
     * the bytes go to a new temp file next to {@code target} as they come; {@link Output#commit} forces them
     * to disk and renames the file over the target; closing an uncommitted output removes the temp file and
     * leaves the target as it was.
     */
    public static Output open(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file 0600, which the rename would carry over to the target.
        // A plain CREATE_NEW gets the usual mode (0666 minus the umask, typically 0644).
        for (int attempt = 0; ; attempt++) {
            Path tmp = (dir == null ? abs.getFileSystem().getPath("") : dir)
                    .resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return new Output(abs, tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    /** An atomic write in progress ({@link #open}). Not thread-safe. */
    public static final class Output implements java.io.Closeable {
        private final Path target, tmp;
        private final FileChannel channel;
        private final OutputStream buffered, stream;
        private boolean finished;

        private Output(Path target, Path tmp, FileChannel channel) {
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
            this.buffered = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            this.stream = new NonClosing(buffered);
        }

        /** Where the bytes go (buffered). Closing it, e.g. through a wrapping writer, only flushes it. */
        public OutputStream stream() { return stream; }

        /** Forces the bytes to disk and renames the temp file over the target. */
        public void commit() throws IOException { AtomicFiles.commit(finish(), target); }

        /** Forces the bytes to disk and closes the temp file, which stays for {@link AtomicFiles#commit}; returns it. */
        Path finish() throws IOException {
            if (finished) throw new IOException(target + ": atomic write already finished");
            buffered.flush();
            channel.force(true);
            channel.close();
            finished = true;
            return tmp;
        }

        /** Without a commit: removes the temp file (the target stays as it was). After one: nothing. */
        @Override public void close() throws IOException {
            if (finished) return;
            finished = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        /** Lets bodies wrap the stream in writers and close them without closing the file before it is forced. */
        private final class NonClosing extends java.io.FilterOutputStream {
            NonClosing(OutputStream out) { super(out); }

            @Override public void write(int b) throws IOException { ensureOpen(); out.write(b); }

            @Override public void write(byte[] b, int off, int len) throws IOException { ensureOpen(); out.write(b, off, len); }

            @Override public void flush() throws IOException { if (!finished) out.flush(); }

            @Override public void close() throws IOException { flush(); }

            private void ensureOpen() throws IOException {
                if (finished) throw new IOException(target + ": atomic write already finished");
            }
        }
    }

    /** Renames a staged temp file over its target. */
    public static void commit(Path staged, Path target) throws IOException {
        try {
            try {
                Files.move(staged, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries (renames, new files) to disk, so a rename survives a power cut. Best
     * effort: some platforms cannot open a directory for syncing.
     */
    public static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported here (e.g. Windows); the rename itself is still atomic
        }
    }

    /** Removes a staged file that will not be committed (null is ignored). */
    public static void discard(Path staged) {
        if (staged == null) return;
        try {
            Files.deleteIfExists(staged);
        } catch (IOException ignored) {
            // best effort: a stray hidden temp file is harmless
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }
}
