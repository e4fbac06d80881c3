package dev.recur.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model or tensor file that is not what it claims to be. The message names the file and the problem. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
    }

    /** Problems quote text from the file (names, types, keys); control characters in it are escaped. */
    static String oneLine(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
