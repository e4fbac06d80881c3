package dev.recur.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Atomic writes of files people read: a temp file beside the target, renamed over it when complete. */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * A new empty temp file in the target's folder (created if needed). Made readable by others like a
     * normally created file, since {@code createTempFile} alone gives owner-only permissions.
     */
    public static Path tempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return tmp;
    }

    /** Renames {@code tmp} over {@code target} (atomically where the file system can). */
    public static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
