package dev.recur.plot;

import dev.recur.files.AtomicFiles;
import dev.recur.midi.Melody;
import dev.recur.midi.NoteText;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Piano-roll PNG of a melody: primer notes and generated notes in two colours, pitch on y (a row per
 * semitone, black keys shaded, each C labelled), time on x (bar lines, bars numbered from 1).
 */
public final class PianoRoll {
    static final Color PRIMER = new Color(0x1f, 0x77, 0xb4);
    static final Color GENERATED = new Color(0xff, 0x7f, 0x0e);
    private static final int LEFT = 48, RIGHT = 16, TOP = 40, BOTTOM = 36, ROW = 10;

    /** A drawn note, in steps. */
    public record NoteBlock(int startStep, int endStep, int pitch, boolean generated) {}

    private PianoRoll() {}

    /** Writes the primer followed by the generated continuation (which starts where the primer ends). */
    public static void write(Melody primer, Melody generated, int stepsPerBar, String title, Path png) throws IOException {
        byte[] bytes = toPng(render(primer, generated, stepsPerBar, title));
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    public static BufferedImage render(Melody primer, Melody generated, int stepsPerBar, String title) {
        if (primer != null && generated != null && primer.stepsPerQuarter() != generated.stepsPerQuarter())
            throw new IllegalArgumentException("primer and generated melody are on different grids ("
                    + primer.stepsPerQuarter() + " and " + generated.stepsPerQuarter() + " steps per quarter)");
        List<NoteBlock> bars = new ArrayList<>();
        int offset = primer == null ? 0 : primer.length();
        if (primer != null) addNotes(primer, 0, false, bars);
        if (generated != null) addNotes(generated, offset, true, bars);
        int steps = offset + (generated == null ? 0 : generated.length());
        return render(bars, Math.max(steps, 1), stepsPerBar, title);
    }

    /** Draws any notes (in steps); {@code stepsPerBar <= 0} draws no bar lines. */
    public static BufferedImage render(List<NoteBlock> notes, int steps, int stepsPerBar, String title) {
        int lo = 60, hi = 72;
        for (NoteBlock b : notes) { lo = Math.min(lo, b.pitch()); hi = Math.max(hi, b.pitch()); }
        lo = Math.max(0, lo - 2);
        hi = Math.min(127, hi + 2);
        // about 1600 px wide; long pieces get narrower steps, up to 4000 px in all
        double stepPx = Math.min(16, Math.max(Math.min(2, 4000.0 / steps), 1600.0 / steps));
        int plotW = (int) Math.ceil(steps * stepPx), plotH = (hi - lo + 1) * ROW;
        int w = LEFT + plotW + RIGHT, h = TOP + plotH + BOTTOM;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int p = lo; p <= hi; p++) {
                int y = TOP + (hi - p) * ROW;
                if (isBlackKey(p)) {
                    g.setColor(new Color(0xee, 0xee, 0xee));
                    g.fillRect(LEFT, y, plotW, ROW);
                }
                if (p % 12 == 0) {
                    g.setColor(new Color(0xbb, 0xbb, 0xbb));
                    g.drawLine(LEFT, y + ROW, LEFT + plotW, y + ROW);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(NoteText.noteName(p), 6, y + ROW - 1);
                }
            }
            if (stepsPerBar > 0) {
                int every = Math.max(1, (int) Math.ceil(40 / (stepsPerBar * stepPx)));   // label spacing ≥ 40 px
                int lineEvery = Math.max(1, (int) Math.ceil(6 / (stepsPerBar * stepPx)));   // lines ≥ 6 px apart
                for (int s = 0, bar = 1; s <= steps; s += stepsPerBar, bar++) {
                    int x = LEFT + (int) Math.round(s * stepPx);
                    g.setColor(new Color(0xcc, 0xcc, 0xcc));
                    if ((bar - 1) % lineEvery == 0) g.drawLine(x, TOP, x, TOP + plotH);
                    if ((bar - 1) % every == 0 && s < steps) {
                        g.setColor(Color.DARK_GRAY);
                        g.drawString(Integer.toString(bar), x + 2, TOP + plotH + 14);
                    }
                }
                g.drawString("bar", LEFT, TOP + plotH + 30);
            }
            for (NoteBlock b : notes) {
                int x0 = LEFT + (int) Math.round(b.startStep() * stepPx), x1 = LEFT + (int) Math.round(b.endStep() * stepPx);
                int y = TOP + (hi - b.pitch()) * ROW;
                g.setColor(b.generated() ? GENERATED : PRIMER);
                g.fillRect(x0, y + 1, Math.max(1, x1 - x0 - 1), ROW - 2);
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT, TOP, plotW, plotH);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            if (title != null) g.drawString(title, LEFT, 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int lx = Math.max(LEFT, w - RIGHT - 170);
            g.setColor(PRIMER);
            g.fillRect(lx, 24, 10, 8);
            g.setColor(Color.DARK_GRAY);
            g.drawString("primer", lx + 14, 33);
            g.setColor(GENERATED);
            g.fillRect(lx + 70, 24, 10, 8);
            g.setColor(Color.DARK_GRAY);
            g.drawString("generated", lx + 84, 33);
        } finally {
            g.dispose();
        }
        return img;
    }

    static void addNotes(Melody m, int offset, boolean generated, List<NoteBlock> out) {
        int pitch = -1, start = 0;
        for (int i = 0; i <= m.length(); i++) {
            int e = i < m.length() ? m.event(i) : Melody.NOTE_OFF;
            if (e == Melody.NO_EVENT) continue;
            if (pitch >= 0) out.add(new NoteBlock(offset + start, offset + i, pitch, generated));
            pitch = e;
            start = i;
        }
    }

    private static boolean isBlackKey(int p) {
        int pc = p % 12;
        return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
    }

    private static byte[] toPng(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
