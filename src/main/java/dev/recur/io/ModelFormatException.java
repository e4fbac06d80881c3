package dev.recur.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model or tensor file that is not what it claims to be. The message names the file and the problem. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
