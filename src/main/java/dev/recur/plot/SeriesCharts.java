package dev.recur.plot;

import dev.recur.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PNG charts for time-series work: training curves and forecasts. Written atomically. */
public final class SeriesCharts {
    private SeriesCharts() {}

    private static final int WIDTH = 1000, HEIGHT = 420;

    /** Training and validation loss per epoch. */
    public static void loss(Path png, String title, double[] trainLoss, double[] validationLoss) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle("MSE (standardised)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] epochs = new double[trainLoss.length];
        for (int i = 0; i < epochs.length; i++) epochs[i] = i + 1;
        line(chart, "train", epochs, trainLoss, new Color(0x1f77b4));
        if (validationLoss != null && validationLoss.length == trainLoss.length) line(chart, "validation", epochs, validationLoss, new Color(0xff7f0e));
        writePng(png, BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * One panel per target: the history (x = data row, 1-based), the held-out truth where it is known (may be empty), and
     * the forecast that starts at row {@code origin}.
     *
     * @param history  {@code [target][row]}, rows before the forecast origin
     * @param truth    {@code [target][step]}, known values from the origin on (length 0 when none)
     * @param forecast {@code [step][target]}
     */
    public static void forecast(Path png, List<String> targets, double[][] history, int origin, double[][] truth,
                                double[][] forecast) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(targets.get(k)).xAxisTitle("row").yAxisTitle(targets.get(k)).build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            int from = origin - history[k].length;
            line(chart, "history", range(from, history[k].length), history[k], new Color(0x555555));
            if (truth != null && truth.length > k && truth[k].length > 0)
                line(chart, "held-out truth", range(origin, truth[k].length), truth[k], new Color(0x2ca02c));
            double[] f = new double[forecast.length];
            for (int i = 0; i < f.length; i++) f[i] = forecast[i][k];
            line(chart, "forecast", range(origin, f.length), f, new Color(0xd62728));
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        BufferedImage all = new BufferedImage(WIDTH, HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        for (int i = 0; i < panels.size(); i++) g.drawImage(panels.get(i), 0, i * HEIGHT, null);
        g.dispose();
        writePng(png, all);
    }

    /** x values of n rows from 0-based row {@code from}, shown 1-based as in CSV messages. */
    private static double[] range(int from, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + i + 1;
        return x;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    private static void writePng(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException(png + ": no PNG writer available");
        });
    }
}
