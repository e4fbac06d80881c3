package dev.recur.plot;

import dev.recur.files.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An MFCC matrix as a PNG heat map drawn with Java2D: time in seconds on x, coefficient on y (c0 at the
 * bottom). Each coefficient row is coloured by its own z-score (clipped to +-2.5), because c0 is orders of
 * magnitude larger than the rest and would flatten a shared colour scale.
 */
public final class MfccHeatMap {
    private MfccHeatMap() {}

    private static final int W = 1100, H = 440, LEFT = 60, RIGHT = 90, TOP = 36, BOTTOM = 50;

    /**
     * @param frames         {@code [frames][coefficients]} (extra columns such as deltas are ignored)
     * @param coefficients   rows to draw
     * @param secondsPerFrame hop / sample rate
     */
    public static void write(float[][] frames, int coefficients, double secondsPerFrame, String title, Path png) throws IOException {
        if (frames.length == 0) throw new IllegalArgumentException("no frames to plot");
        int n = frames.length;
        double[] mean = new double[coefficients], std = new double[coefficients];
        for (float[] r : frames) for (int c = 0; c < coefficients; c++) mean[c] += r[c];
        for (int c = 0; c < coefficients; c++) mean[c] /= n;
        for (float[] r : frames) for (int c = 0; c < coefficients; c++) std[c] += (r[c] - mean[c]) * (r[c] - mean[c]);
        for (int c = 0; c < coefficients; c++) std[c] = Math.max(1e-9, Math.sqrt(std[c] / n));

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        for (int x = 0; x < pw; x++) {
            int t = (int) ((long) x * n / pw);
            for (int y = 0; y < ph; y++) {
                int c = coefficients - 1 - y * coefficients / ph;
                double z = (frames[t][c] - mean[c]) / std[c];
                img.setRGB(LEFT + x, TOP + y, colour((z + 2.5) / 5));
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(LEFT, TOP, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        double total = n * secondsPerFrame;
        double step = niceStep(total / 10);
        for (double s = 0; s <= total + 1e-9; s += step) {
            int x = LEFT + (int) Math.round(s / total * pw);
            g.drawLine(x, TOP + ph, x, TOP + ph + 4);
            String label = step >= 1 ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s);
            g.drawString(label, x - fm.stringWidth(label) / 2, TOP + ph + 17);
        }
        String xl = "time (s)";
        g.drawString(xl, LEFT + pw / 2 - fm.stringWidth(xl) / 2, H - 12);
        for (int c = 0; c < coefficients; c++) {
            int y = TOP + (int) Math.round((coefficients - c - 0.5) * ph / (double) coefficients);
            String label = Integer.toString(c);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("MFCC", -(TOP + ph / 2) - fm.stringWidth("MFCC") / 2, 18);
        r.dispose();
        int bx = W - RIGHT + 20, bw = 16;
        for (int y = 0; y < ph; y++) {
            g.setColor(new Color(colour(1 - y / (double) (ph - 1))));
            g.drawLine(bx, TOP + y, bx + bw, TOP + y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, TOP, bw, ph);
        g.drawString("+2.5\u03c3", bx + bw + 4, TOP + 10);
        g.drawString("mean", bx + bw + 4, TOP + ph / 2 + 4);
        g.drawString("-2.5\u03c3", bx + bw + 4, TOP + ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, TOP - 12);
        g.dispose();

        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException(png + ": no PNG writer");
        });
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    // Viridis, sampled at 9 points and interpolated linearly.
    private static final int[][] VIRIDIS = {
            {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
            {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {253, 231, 37}};

    static int colour(double v) {
        v = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) v);
        double f = v - i;
        int rr = (int) Math.round(VIRIDIS[i][0] + f * (VIRIDIS[i + 1][0] - VIRIDIS[i][0]));
        int gg = (int) Math.round(VIRIDIS[i][1] + f * (VIRIDIS[i + 1][1] - VIRIDIS[i][1]));
        int bb = (int) Math.round(VIRIDIS[i][2] + f * (VIRIDIS[i + 1][2] - VIRIDIS[i][2]));
        return (rr << 16) | (gg << 8) | bb;
    }
}
