package dev.recur.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the committed fixture files (written by src/test/python/make_fixtures.py). */
public final class Fixtures {
    private Fixtures() {}

    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) throw new IllegalArgumentException("no fixture " + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
