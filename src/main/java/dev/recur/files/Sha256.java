package dev.recur.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** SHA-256 of files and folders, as hex: what the feature cache keys on and training checkpoints fingerprint. */
public final class Sha256 {
    private Sha256() {}

    /** A fresh SHA-256 digest (every JVM has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Of a file's bytes, streamed. */
    public static String file(Path file) throws IOException {
        MessageDigest md = digest();
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    /** Over the relative names and bytes of every regular file under {@code root}, in name order. */
    public static String folder(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + ": not a folder");
        MessageDigest md = digest();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update((root.relativize(f).toString().replace('\\', '/') + "\u0000").getBytes(StandardCharsets.UTF_8));
                update(md, f);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
    }
}
