package dev.recur.plot;

import dev.recur.eval.ConfusionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfusionMatrixPlotTest {
    @Test void writesAReadablePngWithShadedDiagonal(@TempDir Path dir) throws Exception {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("piano", "drums"), new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 0});
        Path f = dir.resolve("cm.png");
        ConfusionMatrixPlot.writePng(m, "test", f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img);
        BufferedImage direct = ConfusionMatrixPlot.render(m, "test");
        assertEquals(direct.getWidth(), img.getWidth());
        // the piano/piano cell (100%) is darker than the drums/drums cell (50%), which is darker than piano/drums (0%)
        int w = img.getWidth(), h = img.getHeight();
        int x0 = w - 20 - 2 * 64 + 4, y0 = h - 20 - 2 * 64 + 4;   // top-left corner area of the first cell
        assertTrue(brightness(img, x0, y0) < brightness(img, x0 + 64, y0 + 64));
        assertTrue(brightness(img, x0 + 64, y0 + 64) < brightness(img, x0 + 64, y0));
    }

    static int brightness(BufferedImage img, int x, int y) {
        Color c = new Color(img.getRGB(x, y));
        return c.getRed() + c.getGreen() + c.getBlue();
    }
}
