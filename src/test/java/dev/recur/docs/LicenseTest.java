package dev.recur.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** LICENSE, the poms and the README name the same licence: GPL-3.0-or-later, forced by the shaded TarsosDSP. */
class LicenseTest {
    @Test
    void licenceFilePomAndReadmeAgree() throws IOException {
        String license = Files.readString(Path.of("LICENSE"));
        assertTrue(license.strip().startsWith("GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"),
                "LICENSE must hold the GPL-3.0 text");
        String pom = Files.readString(Path.of("pom.xml")); // the parent: every module inherits its <licenses>
        assertTrue(pom.contains("<name>GPL-3.0-or-later</name>"), "pom.xml <licenses>");
        assertTrue(Files.readString(Path.of("core/pom.xml")).contains("<artifactId>TarsosDSP</artifactId>"),
                "the reason for the GPL is still a dependency");
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Licence");
        assertTrue(section > 0, "README has a Licence section");
        String text = readme.substring(section);
        assertTrue(text.contains("GPL-3.0-or-later") && text.contains("TarsosDSP") && text.contains("[LICENSE](LICENSE)"), text);
    }
}
