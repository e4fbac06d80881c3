package dev.recur.plot;

import dev.recur.midi.NoteText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PianoRollTest {
    @TempDir Path dir;

    @Test void drawsPrimerAndGeneratedNotesInTwoColours() throws Exception {
        Path png = dir.resolve("roll.png");
        PianoRoll.write(NoteText.parse("C4 - E4 - G4 - - .", 4), NoteText.parse("A4 - - B4 C5 - - - .", 4), 16, "test", png);
        BufferedImage img = ImageIO.read(png.toFile());
        int primer = 0, generated = 0;
        int primerRight = 0, generatedLeft = Integer.MAX_VALUE;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb == (PianoRoll.PRIMER.getRGB() & 0xffffff) && y > 40) { primer++; primerRight = Math.max(primerRight, x); }
                if (rgb == (PianoRoll.GENERATED.getRGB() & 0xffffff) && y > 40) { generated++; generatedLeft = Math.min(generatedLeft, x); }
            }
        assertTrue(primer > 100 && generated > 100, primer + " / " + generated);
        assertTrue(primerRight < generatedLeft, "generated notes come after the primer");
        // rows: C4..C5 padded by 2 semitones each side = 17 rows of 10 px, plus margins
        assertEquals(40 + 17 * 10 + 36, img.getHeight());
    }

    @Test void longMelodiesStayAtMost4000PixelsWide() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.append(i % 4 == 0 ? "C4 " : i % 4 == 2 ? "G5 " : "- ");
        BufferedImage img = PianoRoll.render(null, NoteText.parse(sb.toString(), 4), 16, null);
        assertTrue(img.getWidth() <= 48 + 4000 + 16 + 1, "width " + img.getWidth());
    }
}
