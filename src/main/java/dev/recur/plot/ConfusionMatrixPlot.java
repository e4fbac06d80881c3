package dev.recur.plot;

import dev.recur.files.AtomicFiles;
import dev.recur.eval.ConfusionMatrix;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A confusion matrix as a PNG heat map (Java2D, works headless): truth down, prediction across, each cell
 * shaded by its share of the true class (recall along the diagonal) and labelled with count and share.
 */
public final class ConfusionMatrixPlot {
    private ConfusionMatrixPlot() {}

    private static final int CELL = 64;

    public static BufferedImage render(ConfusionMatrix m, String title) {
        int k = m.size();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12), bold = font.deriveFont(Font.BOLD, 14f);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int labelW = 0;
        for (String l : m.labels()) labelW = Math.max(labelW, fm.stringWidth(l));
        pg.dispose();
        int left = labelW + 40, top = labelW + 72, w = left + k * CELL + 20, h = top + k * CELL + 20;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(bold);
        g.drawString(title, 10, 20);
        g.setFont(font);
        g.drawString(String.format(Locale.ROOT, "accuracy %.1f%% of %d", 100 * m.accuracy(), m.total()), 10, 38);
        g.drawString("predicted →", left, top - labelW - 12);
        AffineTransform keep = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("true →", -(top + 60), 14);
        g.setTransform(keep);
        for (int c = 0; c < k; c++) {
            String l = m.labels().get(c);
            g.drawString(l, left - 8 - fm.stringWidth(l), top + c * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
            AffineTransform t = g.getTransform();
            g.translate(left + c * CELL + CELL / 2 + fm.getAscent() / 2 - 2, top - 6);
            g.rotate(-Math.PI / 2);
            g.drawString(l, 0, 0);
            g.setTransform(t);
        }
        for (int t = 0; t < k; t++) {
            long support = m.support(t);
            for (int p = 0; p < k; p++) {
                double share = support == 0 ? 0 : (double) m.count(t, p) / support;
                g.setColor(shade(share));
                int x = left + p * CELL, y = top + t * CELL;
                g.fillRect(x, y, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String count = Long.toString(m.count(t, p)), pct = String.format(Locale.ROOT, "%.0f%%", 100 * share);
                g.drawString(count, x + (CELL - fm.stringWidth(count)) / 2, y + CELL / 2 - 2);
                g.drawString(pct, x + (CELL - fm.stringWidth(pct)) / 2, y + CELL / 2 + fm.getAscent());
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i <= k; i++) {
            g.drawLine(left, top + i * CELL, left + k * CELL, top + i * CELL);
            g.drawLine(left + i * CELL, top, left + i * CELL, top + k * CELL);
        }
        g.dispose();
        return img;
    }

    public static void writePng(ConfusionMatrix m, String title, Path file) throws IOException {
        BufferedImage img = render(m, title);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException(file + ": no PNG writer available");
        });
    }

    /** White to a deep blue. */
    private static Color shade(double share) {
        double s = Math.max(0, Math.min(1, share));
        return new Color((int) (255 - 225 * s), (int) (255 - 170 * s), (int) (255 - 75 * s));
    }
}
